// A load balancer as small as it gets, for tests: each new TCP connection goes to the first backend that accepts it,
// in the order given. When a backend dies its connections drop, and the clients' reconnections land on the next.
import { createConnection, createServer, type Socket } from 'node:net';

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

export async function balance(ports: number[]): Promise<Balancer> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.pause();
    const tryBackend = (i: number) => {
      if (i >= ports.length) {
        client.destroy();
        return;
      }
      const backend = createConnection({ port: ports[i]!, host: '127.0.0.1' });
      backend.once('error', () => tryBackend(i + 1));
      backend.once('connect', () => {
        backend.removeAllListeners('error');
        open.add(backend);
        backend.once('close', () => open.delete(backend));
        backend.on('error', () => client.destroy());
        client.on('error', () => backend.destroy());
        client.pipe(backend).pipe(client);
        backend.once('close', () => client.destroy());
        client.once('close', () => backend.destroy());
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
