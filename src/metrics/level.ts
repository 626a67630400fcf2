/**
 * A piecewise-constant quantity (servers busy, trucks away) and its time integral, counted only inside
 * the measured window [from, to]: utilization = integral / (servers x (to - from)).
 */
export class Level {
  value = 0;
  integral = 0;
  private last = 0;

  constructor(private readonly from: number, private readonly to: number) {}

  add(now: number, delta: number): void {
    this.accrue(now);
    this.value += delta;
  }

  accrue(now: number): void {
    const a = this.last > this.from ? this.last : this.from;
    const b = now < this.to ? now : this.to;
    if (b > a) this.integral += this.value * (b - a);
    this.last = now;
  }

  /** Mean level over the window, once accrued up to its end. */
  mean(): number {
    return this.to > this.from ? this.integral / (this.to - this.from) : 0;
  }
}
