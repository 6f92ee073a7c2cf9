/**
 * The step slider of an optimiser run: a scrubber from 1 to the longest
 * path's length and a Play/Pause button that moves it at about 60 steps a
 * second. It knows nothing of plots: it reports t and the chart reveals.
 */
import { h } from './dom';

const STEPS_PER_SECOND = 60;
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

export class RunPlayback {
  readonly element: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly button: HTMLElement;
  /** Fractional while playing, so a slow frame rate still averages 60 steps a second. */
  private position: number;
  private frame = 0;
  private lastTime = 0;

  constructor(readonly max: number, private readonly onChange: (t: number) => void, label: string) {
    this.position = max; // the whole run first: the static picture is the finished result
    this.slider = h('input', { class: 'run-slider', attrs: { type: 'range', min: '1', max: String(max), step: '1', 'aria-label': label } });
    this.slider.value = String(max);
    this.slider.addEventListener('input', () => {
      this.pause();
      this.moveTo(Number(this.slider.value));
    });
    // Space plays and pauses from the slider too, the control the student is most likely on.
    this.slider.addEventListener('keydown', (e) => {
      if (e.key !== ' ') return;
      e.preventDefault();
      this.toggle();
    });
    this.button = h('vscode-button', { class: 'run-play', text: 'Play', attrs: { 'aria-label': 'Play the run', secondary: '' } });
    this.button.addEventListener('click', () => this.toggle());
    this.element = h('div', { class: 'run-controls' }, this.button, this.slider);
    this.describe();
  }

  get t(): number {
    return Math.round(this.position);
  }

  get playing(): boolean {
    return this.frame !== 0;
  }

  toggle(): void {
    if (this.playing) return this.pause();
    // Playing from the end starts again.
    if (this.t >= this.max) this.moveTo(1);
    if (reducedMotion.matches) return this.moveTo(this.max); // no animation: show where the run goes at once
    this.lastTime = performance.now();
    this.frame = requestAnimationFrame(this.tick);
    this.setLabel(true);
  }

  pause(): void {
    if (!this.playing) return;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.setLabel(false);
  }

  private tick = (now: number): void => {
    // A step left on screen (another step shown, panel rebuilt) stops playing.
    if (!this.element.isConnected) return void ((this.frame = 0), this.setLabel(false));
    const advance = (Math.min(100, now - this.lastTime) * STEPS_PER_SECOND) / 1000;
    this.lastTime = now;
    this.moveTo(Math.min(this.max, this.position + advance), true);
    if (this.position >= this.max) return void ((this.frame = 0), this.setLabel(false));
    this.frame = requestAnimationFrame(this.tick);
  };

  private moveTo(position: number, fractional = false): void {
    const before = this.t;
    this.position = fractional ? position : Math.round(position);
    if (this.t === before && fractional) return;
    this.slider.value = String(this.t);
    this.describe();
    this.onChange(this.t);
  }

  private describe(): void {
    this.slider.setAttribute('aria-valuetext', `t = ${this.t} of ${this.max}`);
  }

  private setLabel(playing: boolean): void {
    this.button.textContent = playing ? 'Pause' : 'Play';
    this.button.setAttribute('aria-label', playing ? 'Pause the run' : 'Play the run');
  }
}
