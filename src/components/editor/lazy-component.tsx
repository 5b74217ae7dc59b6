"use client";

import { Component as ReactComponent, lazy, Suspense, useState, type ComponentType, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";

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
 *
 * A chunk that fails to download (the network dropped) shows a message with
 * "Try again" in the component's place instead of taking the page down; the
 * retry downloads it afresh (React.lazy keeps a failure forever, so a retry
 * makes a new one).
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
  const makeLazy = () => lazy<ComponentType<Props>>(() => (loaded ? settled(loaded) : preload()));
  let Lazy = makeLazy();
  function Component(props: Props) {
    const [, setAttempt] = useState(0);
    const retry = () => {
      Lazy = makeLazy();
      setAttempt((attempt) => attempt + 1);
    };
    return (
      <LoadFailure onRetry={retry}>
        <Suspense fallback={fallback}>
          <Lazy {...props} />
        </Suspense>
      </LoadFailure>
    );
  }
  return Object.assign(Component, { preload });
}

/** An error boundary for a lazily loaded part: what went wrong, and "Try again". */
class LoadFailure extends ReactComponent<{ children: ReactNode; onRetry: () => void }, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div role="alert" className="m-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        <p>This part of the editor could not be shown. {errorMessage(this.state.error)}</p>
        <Button
          size="sm"
          className="mt-2"
          onClick={() => {
            this.setState({ error: null });
            this.props.onRetry();
          }}
        >
          Try again
        </Button>
      </div>
    );
  }
}


/** A thenable that calls back synchronously: React.lazy then resolves during the render instead of suspending. */
function settled<T>(value: T): Promise<T> {
  return { then: (resolve: (value: T) => unknown) => resolve(value) } as unknown as Promise<T>;
}
