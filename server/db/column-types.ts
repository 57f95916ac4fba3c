/**
 * Column types shared by the row types (schema.ts, people.schema.ts).
 */
import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as the value, written as a JSON string (pg does not serialise arrays as JSON by itself). */
export type Json<T> = ColumnType<T, string, string>;
