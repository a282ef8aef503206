"use client";

// A value kept in sessionStorage (per tab) and shared by every component that reads the
// same key: a table's selection survives paging, sorting, opening a row and coming back.
import { useCallback, useSyncExternalStore } from "react";

type Codec<T> = { encode: (value: T) => string; decode: (text: string) => T };

const listeners = new Map<string, Set<() => void>>();
// getSnapshot must return the same object while the stored text is unchanged.
const decoded = new Map<string, { text: string | null; value: unknown }>();

function read<T>(key: string, codec: Codec<T>): T | null {
  const text = window.sessionStorage.getItem(key);
  const cached = decoded.get(key);
  if (cached && cached.text === text) return cached.value as T | null;
  let value: T | null = null;
  try {
    value = text === null ? null : codec.decode(text);
  } catch {
    value = null; // a value from an older version of the app: start empty
  }
  decoded.set(key, { text, value });
  return value;
}

export function useSessionValue<T>(key: string, codec: Codec<T>): [T | null, (value: T | null) => void] {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const set = listeners.get(key) ?? new Set();
      set.add(onChange);
      listeners.set(key, set);
      return () => set.delete(onChange);
    },
    [key],
  );
  const value = useSyncExternalStore(
    subscribe,
    () => read(key, codec),
    () => null,
  );
  const setValue = useCallback(
    (next: T | null) => {
      if (next === null) window.sessionStorage.removeItem(key);
      else window.sessionStorage.setItem(key, codec.encode(next));
      for (const listener of listeners.get(key) ?? []) listener();
    },
    [codec, key],
  );
  return [value, setValue];
}
