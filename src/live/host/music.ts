// The host's game-show sound, made in the browser with WebAudio (no audio files, nothing from the network): a
// lobby loop, a question loop, the last five seconds' tick, the reveal's sting, and a drumroll then a fanfare for
// the podium. A loop is a sequencer stepping on a timer, each note a short oscillator, so switching sound off
// stops it within a step and nothing keeps playing in the background.
export type Loop = 'lobby' | 'question';

/** Notes as semitones above A3 (220 Hz); null is a rest. */
const LOOPS: Record<Loop, { stepMs: number; notes: (number | null)[]; wave: OscillatorType; volume: number }> = {
  // A relaxed bounce while people join.
  lobby: {
    stepMs: 250,
    notes: [0, null, 7, null, 12, null, 7, null, 5, null, 9, null, 12, null, 9, null],
    wave: 'triangle',
    volume: 0.05,
  },
  // Something that sounds like a clock: a pulse with a rising figure.
  question: { stepMs: 188, notes: [0, 0, 12, 0, 3, 0, 12, 0, 5, 0, 12, 0, 3, 0, 15, 0], wave: 'square', volume: 0.025 },
};

const hz = (semitones: number) => 220 * 2 ** (semitones / 12);

export class Music {
  private context: AudioContext | undefined;
  private loop: ReturnType<typeof setInterval> | undefined;
  private playing: Loop | null = null;
  private later: ReturnType<typeof setTimeout>[] = [];

  constructor(private on: boolean) {}

  get enabled() {
    return this.on;
  }

  /** Sound on or off; off silences the loop at once. */
  set(on: boolean) {
    this.on = on;
    if (on) void this.audio()?.resume();
    const wanted = this.playing;
    this.stopLoop();
    if (on && wanted) this.play(wanted);
    else this.playing = wanted;
  }

  private audio(): AudioContext | undefined {
    try {
      this.context ??= new AudioContext();
      return this.context;
    } catch {
      return undefined; // No audio device, or the browser refused: the game goes on silently.
    }
  }

  private note(frequency: number, seconds: number, volume: number, wave: OscillatorType = 'sine', delay = 0) {
    const audio = this.on ? this.audio() : undefined;
    if (!audio) return;
    const start = audio.currentTime + delay;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = wave;
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(volume, start);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + seconds);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + seconds + 0.05);
  }

  /** A burst of noise: one hit of the drumroll. */
  private hit(volume: number, delay: number) {
    const audio = this.on ? this.audio() : undefined;
    if (!audio) return;
    const length = Math.floor(audio.sampleRate * 0.06);
    const buffer = audio.createBuffer(1, length, audio.sampleRate);
    const data = buffer.getChannelData(0);
    for (let i = 0; i < length; i++) data[i] = (Math.random() * 2 - 1) * (1 - i / length);
    const source = audio.createBufferSource();
    const gain = audio.createGain();
    source.buffer = buffer;
    gain.gain.value = volume;
    source.connect(gain).connect(audio.destination);
    source.start(audio.currentTime + delay);
  }

  /** The loop for a phase (null: silence); the same loop asked again keeps playing in step. */
  play(loop: Loop | null) {
    if (loop === this.playing && (this.loop || !this.on)) return;
    this.stopLoop();
    this.playing = loop;
    if (!loop || !this.on) return;
    const { stepMs, notes, wave, volume } = LOOPS[loop];
    let step = 0;
    const beat = () => {
      const n = notes[step++ % notes.length];
      if (n !== null && n !== undefined) this.note(hz(n), (stepMs / 1000) * 0.9, volume, wave);
    };
    beat();
    this.loop = setInterval(beat, stepMs);
  }

  private stopLoop() {
    clearInterval(this.loop);
    this.loop = undefined;
    for (const t of this.later) clearTimeout(t);
    this.later = [];
  }

  /** One of the last five seconds. */
  tick() {
    this.note(1320, 0.06, 0.12, 'square');
  }

  /** The answer is shown: a rising major chord. */
  sting() {
    this.play(null);
    [0, 4, 7, 12].forEach((n, i) => this.note(hz(n + 12), 0.6, 0.08, 'triangle', i * 0.06));
  }

  /** The podium: a drumroll while third and second rise, a fanfare for the winner. */
  drumroll(seconds: number) {
    this.play(null);
    for (let t = 0; t < seconds; t += 0.05) this.hit(0.05 + (0.1 * t) / seconds, t);
  }

  fanfare() {
    [0, 4, 7, 12, 7, 12].forEach((n, i) => this.note(hz(n + 12), i === 5 ? 1.2 : 0.22, 0.1, 'sawtooth', i * 0.16));
  }

  close() {
    this.stopLoop();
    this.playing = null;
    void this.context?.close().catch(() => {});
    this.context = undefined;
  }
}
