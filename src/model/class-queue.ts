/** FIFO ring buffer of truck slots; grows by doubling. */
export class Fifo {
  private buf = new Int32Array(16);
  private head = 0;
  size = 0;

  push(slot: number): void {
    if (this.size === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.size; i++) next[i] = this.buf[(this.head + i) & (this.buf.length - 1)];
      this.buf = next;
      this.head = 0;
    }
    this.buf[(this.head + this.size++) & (this.buf.length - 1)] = slot;
  }

  shift(): number {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.size--;
    return v;
  }
}

/**
 * Two priority classes, FIFO within each: white-listed trucks (the green channel) are served before
 * normal ones whenever both wait. Non-preemptive: a truck in service is never interrupted.
 */
export class ClassQueue {
  readonly high = new Fifo();
  readonly low = new Fifo();

  get size(): number {
    return this.high.size + this.low.size;
  }

  push(slot: number, high: boolean): void {
    (high ? this.high : this.low).push(slot);
  }

  /** Next truck of either class (high first), or -1. */
  shift(): number {
    if (this.high.size > 0) return this.high.shift();
    if (this.low.size > 0) return this.low.shift();
    return -1;
  }
}
