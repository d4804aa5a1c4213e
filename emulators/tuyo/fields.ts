// Reading the fields of a JSON body with Tuyo's types, naming the offending field by its path
// (products[0].variants[1].stock[0].stock) in the refusal.
import { TuyoError } from "./envelope";

export const MAX_SKU_LENGTH = 20;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads one object's fields; every refusal is a TuyoError with `status` (400 unless told). */
export class Fields {
  constructor(
    readonly record: Record<string, unknown>,
    readonly path: string,
    private readonly status = 400,
  ) {}

  has(name: string): boolean {
    return this.record[name] !== undefined && this.record[name] !== null;
  }

  fail(name: string, message: string): never {
    throw new TuyoError(this.status, `${this.at(name)} ${message}`);
  }

  at(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  private required(name: string): unknown {
    if (!this.has(name)) this.fail(name, "is required");
    return this.record[name];
  }

  string(name: string, options: { max?: number; optional?: boolean } = {}): string | undefined {
    if (options.optional && !this.has(name)) return undefined;
    const value = this.required(name);
    if (typeof value !== "string") this.fail(name, "must be a string");
    if (!options.optional && !value.trim()) this.fail(name, "is required");
    if (options.max !== undefined && value.length > options.max)
      this.fail(name, `must be at most ${options.max} characters`);
    return value;
  }

  sku(name = "sku"): string {
    return this.string(name, { max: MAX_SKU_LENGTH })!;
  }

  number(name: string, options: { min?: number; max?: number; integer?: boolean; optional?: boolean } = {}) {
    if (options.optional && !this.has(name)) return undefined;
    const value = this.required(name);
    if (typeof value !== "number" || !Number.isFinite(value)) this.fail(name, "must be a number");
    if (options.integer && !Number.isInteger(value)) this.fail(name, "must be an integer");
    if (options.min !== undefined && value < options.min) this.fail(name, `must be at least ${options.min}`);
    if (options.max !== undefined && value > options.max) this.fail(name, `must be at most ${options.max}`);
    return value;
  }

  integer(name: string): number {
    return this.number(name, { integer: true })!;
  }

  boolean(name: string, options: { optional?: boolean } = {}): boolean | undefined {
    if (options.optional && !this.has(name)) return undefined;
    const value = this.required(name);
    if (typeof value !== "boolean") this.fail(name, "must be true or false");
    return value;
  }

  /** Tuyo's "active" of a product: the string "0" or "1". */
  activeFlag(name = "active", options: { optional?: boolean } = {}): boolean | undefined {
    if (options.optional && !this.has(name)) return undefined;
    const value = this.required(name);
    if (value !== "0" && value !== "1") this.fail(name, 'must be "0" or "1"');
    return value === "1";
  }

  oneOf<T extends string | number>(name: string, allowed: readonly T[], options: { optional?: boolean } = {}) {
    if (options.optional && !this.has(name)) return undefined;
    const value = this.required(name);
    if (!allowed.includes(value as T)) this.fail(name, `must be one of ${allowed.join(", ")}`);
    return value as T;
  }

  /** A list of objects, each read through its own Fields. */
  list(name: string, options: { min?: number; optional?: boolean } = {}): Fields[] | undefined {
    if (options.optional && !this.has(name)) return undefined;
    const value = this.required(name);
    if (!Array.isArray(value)) this.fail(name, "must be a list");
    if (options.min !== undefined && value.length < options.min)
      this.fail(name, `must hold at least ${options.min} item${options.min > 1 ? "s" : ""}`);
    return value.map((item, index) => {
      const path = `${this.at(name)}[${index}]`;
      if (!isRecord(item)) throw new TuyoError(this.status, `${path} must be an object`);
      return new Fields(item, path, this.status);
    });
  }
}

/** "8, Negro" and "8,Negro" name the same variant. */
export function normalizeValues(values: string): string {
  return values
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .join(",");
}
