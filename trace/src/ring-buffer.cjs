'use strict';
// A fixed-size buffer that keeps the newest items: the tracer's memory stays bounded however long
// the program runs.
class RingBuffer {
  constructor(capacity) {
    this.capacity = capacity;
    this.items = [];
    this.next = 0;
    this.dropped = 0;
  }

  push(item) {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    this.dropped++;
  }

  /** Oldest first. */
  toArray() {
    return this.items.slice(this.next).concat(this.items.slice(0, this.next));
  }
}

module.exports = { RingBuffer };
