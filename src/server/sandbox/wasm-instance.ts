import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, type QuickJSWASMModule } from "quickjs-emscripten";

/**
 * One QuickJS WebAssembly instance with a FIXED-SIZE linear memory, plus the
 * memory accounting the sandbox needs.
 *
 * Why: in the prebuilt quickjs-emscripten wasm, `runtime.setMemoryLimit` only
 * bounds a single allocation (QuickJS's malloc_usable_size is 0 under
 * Emscripten, so its accounting adds 8 bytes per allocation;
 * justjake/quickjs-emscripten#271, #255). Measured here: a 32 MiB limit let a
 * loop of `new Array(1e5).fill(0)` grow the heap without bound. So the hard cap
 * is the wasm memory itself (initial = maximum, growth impossible): a runaway
 * allocation makes malloc return NULL and QuickJS throws a clean
 * "InternalError: out of memory".
 *
 * Per-evaluation budget ("ballast"): evaluations run one at a time on a fresh
 * runtime that is freed afterwards, so the free heap at the start of an
 * evaluation is the whole instance minus the setup (runtime, context, scope).
 * After setup, `reserve(memoryBytes)` mallocs a block that takes everything
 * except `memoryBytes`; the user code can then allocate ≈ memoryBytes, whatever
 * the scope's size. The block is freed after the evaluation (only its chunk
 * headers are written, so it stays mostly unpaged). Cost ≈ 1-3 µs (one 1 MiB
 * probe malloc/free to find the heap top + one malloc); the exact binary
 * search over failing mallocs (≈ 30 µs) only runs at load time and on a rare
 * slow path.
 */
export type WasmInstance = {
  readonly qjs: QuickJSWASMModule;
  /** Leave about `memoryBytes` of free heap; returns a pointer for `release` (0 = nothing reserved). */
  reserve(memoryBytes: number): number;
  release(pointer: number): void;
  /**
   * How many times malloc has found the heap full so far (it then asks to grow
   * the fixed memory, which we refuse). Compare before/after an evaluation:
   * QuickJS sometimes can't even allocate its "out of memory" error and throws
   * null instead, and the user's data is already freed by the time we look.
   */
  heapFullCount(): number;
};

const PAGE = 64 * 1024;
const PROBE_BYTES = 1024 * 1024;
const HEAP_FULL = new Error("the sandbox heap is full");
/** Emscripten static data + shadow stack (≈ 5.2 MiB measured) + runtime/context + a parsed scope. */
export const INSTANCE_OVERHEAD_BYTES = 32 * 1024 * 1024;

type EmscriptenHeap = { _malloc: (bytes: number) => number; _free: (pointer: number) => void };

function heapOf(qjs: QuickJSWASMModule): EmscriptenHeap {
  // `module` is a private field of QuickJSWASMModule (the Emscripten module); quickjs-emscripten 0.32.
  const em = (qjs as unknown as { module?: Partial<Record<"_malloc" | "_free", unknown>> }).module;
  const malloc = em?._malloc;
  const free = em?._free;
  if (typeof malloc !== "function" || typeof free !== "function") {
    throw new Error("quickjs-emscripten: the Emscripten heap is not reachable, so memory limits cannot be enforced");
  }
  return { _malloc: malloc as EmscriptenHeap["_malloc"], _free: free as EmscriptenHeap["_free"] };
}

export async function loadWasmInstance(usableBytes: number): Promise<WasmInstance> {
  const pages = Math.ceil((usableBytes + INSTANCE_OVERHEAD_BYTES) / PAGE);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  // Emscripten's heap resize calls `memory.grow` in a try/catch: that call IS the "heap full" signal.
  // Throwing a constant is also ~100× cheaper than V8's own RangeError (failed malloc ≈ 1 µs, not 100).
  let heapFull = 0;
  Object.defineProperty(memory, "grow", {
    value: () => {
      heapFull += 1;
      throw HEAP_FULL;
    },
  });
  const qjs = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory: memory }));
  const heap = heapOf(qjs);
  const size = memory.buffer.byteLength;

  const largestBlock = (): number => {
    let lo = 0;
    let hi = size;
    while (hi - lo > PAGE) {
      const mid = Math.floor((lo + hi) / 2);
      const p = heap._malloc(mid);
      if (p !== 0) {
        heap._free(p);
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  };
  /** Address of a fresh large block, i.e. the current top of the heap (0 if none). */
  const heapTop = (): number => {
    const p = heap._malloc(PROBE_BYTES);
    if (p !== 0) heap._free(p);
    return p;
  };

  const baseFree = largestBlock();
  const baseTop = heapTop();
  if (baseTop === 0 || baseFree < usableBytes) throw new Error("quickjs-emscripten: the sandbox heap is smaller than expected");

  return {
    qjs,
    reserve(memoryBytes) {
      const top = heapTop();
      if (top !== 0) {
        const guess = baseFree - Math.max(0, top - baseTop) - memoryBytes;
        if (guess < PAGE) return 0;
        const p = heap._malloc(guess);
        if (p !== 0) return p;
      }
      const exact = largestBlock() - memoryBytes; // slow path: a big hole below the top (e.g. a freed scope string)
      return exact < PAGE ? 0 : heap._malloc(exact);
    },
    release(pointer) {
      if (pointer !== 0) heap._free(pointer);
    },
    heapFullCount: () => heapFull,
  };
}

/**
 * The instance in use plus ready spares (default 2). A host-side fault (V8's
 * own stack overflowing inside wasm, e.g. `JSON.stringify` of a 100,000-deep
 * array or `eval("(".repeat(1e5))`, which recurse in C faster than QuickJS's
 * stack check notices; a wasm trap; a QuickJS assertion) abandons C frames
 * mid-flight: that runtime can never be freed (QuickJS asserts on its leaked
 * objects, measured) and the shadow-stack pointer may not be restored, so the
 * instance is retired at once: a spare takes over synchronously and a new one
 * loads in the background (≈ 50-150 ms here). More faults than spares within
 * one reload leave no instance for a moment; `current()` then returns null and
 * the sandbox answers with a retryable error rather than reuse a faulted heap.
 */
export class InstanceSupply {
  private active: WasmInstance | null = null;
  private spares: WasmInstance[] = [];
  private loading = 0;
  private disposed = false;

  private constructor(
    private readonly usableBytes: number,
    private readonly spareCount: number,
  ) {}

  static async create(usableBytes: number, spareCount = 2): Promise<InstanceSupply> {
    const supply = new InstanceSupply(usableBytes, spareCount);
    const loads = Array.from({ length: spareCount + 1 }, () => loadWasmInstance(usableBytes));
    const [active, ...spares] = await Promise.all(loads);
    supply.active = active ?? null;
    supply.spares = spares;
    return supply;
  }

  current(): WasmInstance | null {
    if (this.disposed) return null;
    if (this.active === null) this.refill(); // an earlier load may have failed
    return this.active;
  }

  retire(instance: WasmInstance): void {
    if (this.active !== instance) return;
    this.active = this.spares.shift() ?? null;
    this.refill();
  }

  dispose(): void {
    this.disposed = true;
    this.active = null;
    this.spares = [];
  }

  private refill(): void {
    while (!this.disposed && this.loading + this.spares.length + (this.active ? 1 : 0) < this.spareCount + 1) {
      this.loading += 1;
      loadWasmInstance(this.usableBytes).then(
        (instance) => {
          this.loading -= 1;
          if (this.disposed) return;
          if (this.active === null) this.active = instance;
          else this.spares.push(instance);
        },
        () => {
          this.loading -= 1; // tried again on the next fault or the next current() without an instance
        },
      );
    }
  }
}
