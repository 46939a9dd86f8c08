// The page's side of offline support: register the worker once the page is idle, so installing it (which
// downloads the whole site once) never competes with the first paint; then watch for a new build.
const WORKER_URL = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}sw.js`;

function showUpdated(notice: HTMLElement) {
  const text = document.createElement('p');
  text.textContent = 'Database Week was updated. Pages you open from now on show the new version.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Reload this page';
  reload.addEventListener('click', () => location.reload());
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = 'Dismiss';
  dismiss.addEventListener('click', () => notice.replaceChildren());
  notice.replaceChildren(text, reload, dismiss);
}

export function registerOffline(notice: HTMLElement) {
  // No worker in `astro dev`: there is no sw.js, and a worker would serve stale modules while writing.
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  // A page that already had a worker and gets another one is seeing a new build; a first visit is not.
  const hadWorker = Boolean(container.controller);
  container.addEventListener('controllerchange', () => {
    if (hadWorker) showUpdated(notice);
  });
  const register = () => container.register(WORKER_URL).catch(() => {});
  // Safari has no requestIdleCallback: a task after the load event is the next best moment. A busy page may
  // never be idle, so two seconds after load is the latest.
  const whenIdle = () =>
    'requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 2000 }) : setTimeout(register, 0);
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}
