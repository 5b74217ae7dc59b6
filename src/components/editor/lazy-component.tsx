"use client";

import { lazy, Suspense, type ComponentType, type ReactNode } from "react";

/**
 * A component whose code is loaded on first use, not with the page: the
 * editor's panels that are closed when it opens (node config, run inspector,
 * version history, shortcuts) are a separate chunk, so opening a workflow
 * downloads, parses and runs less before it draws.
 *
 * `preload()` fetches the chunk ahead of time (the editor does it once idle
 * after its first paint, see useIdlePreload). Once loaded, the component
 * renders at once, never showing `fallback` — React.lazy alone would suspend
 * for a moment on its first render even when the chunk is already there.
 */
export function lazyComponent<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  fallback: ReactNode = null,
): ComponentType<Props> & { preload: () => Promise<unknown> } {
  type Module = { default: ComponentType<Props> };
  let loaded: Module | undefined;
  let loading: Promise<Module> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = { default: component }),
      (error: unknown) => {
        loading = undefined; // a failed download may succeed next time
        throw error;
      },
    ));
  const Lazy = lazy<ComponentType<Props>>(() => (loaded ? settled(loaded) : preload()));
  function Component(props: Props) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return Object.assign(Component, { preload });
}

/** A thenable that calls back synchronously: React.lazy then resolves during the render instead of suspending. */
function settled<T>(value: T): Promise<T> {
  return { then: (resolve: (value: T) => unknown) => resolve(value) } as unknown as Promise<T>;
}
