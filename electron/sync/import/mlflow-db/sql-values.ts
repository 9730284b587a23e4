import type { SqlValue } from 'sql.js';
import type { Lifecycle } from '../import-source';

export const text = (v: SqlValue | undefined): string => (v === null || v === undefined ? '' : String(v));

export const millis = (v: SqlValue | undefined): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

export const integer = (v: SqlValue | undefined, fallback = 0): number => (v === null || v === undefined || v === '' ? fallback : Number(v));

export const lifecycle = (v: SqlValue | undefined): Lifecycle => (v === 'deleted' ? 'deleted' : 'active');

/** A column of a table that may not have it in older schemas: its name, or a constant in its place. */
export const columnOr = (present: boolean, column: string, fallback: string): string => (present ? column : fallback);
