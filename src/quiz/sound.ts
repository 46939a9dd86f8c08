// Sounds from WebAudio, no audio files, and only when the player has turned sound on (off by default):
// a short tick each second of the last five, and a chime at the reveal, higher when right.
let context: AudioContext | undefined;

function beep(frequency: number, seconds: number, volume: number): void {
  try {
    context ??= new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(volume, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + seconds);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + seconds);
  } catch {
    // No audio device, or the browser refused: the game goes on silently.
  }
}

export const chime = (right: boolean) => beep(right ? 880 : 220, 0.4, 0.15);
export const tick = () => beep(1320, 0.05, 0.08);
