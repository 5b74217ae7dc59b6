import { describe, expect, it } from "vitest";
import { MinHeap } from "./due-alarm";

describe("MinHeap", () => {
  it("pops in ascending order whatever the order of pushes, duplicates included", () => {
    const heap = new MinHeap(100);
    const values = [5, 3, 9, 1, 3, 7, 2, 8, 1, 6];
    for (const v of values) heap.push(v);
    expect(heap.size).toBe(values.length);
    const popped: number[] = [];
    while (heap.size > 0) popped.push(heap.pop()!);
    expect(popped).toEqual([...values].sort((a, b) => a - b));
    expect(heap.pop()).toBeUndefined();
  });

  it("drops pushes beyond its capacity", () => {
    const heap = new MinHeap(2);
    heap.push(3);
    heap.push(1);
    heap.push(0);
    expect(heap.size).toBe(2);
    expect([heap.pop(), heap.pop()]).toEqual([1, 3]);
  });
});
