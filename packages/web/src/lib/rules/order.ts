// Rule lists are reordered one place at a time; the API takes the whole new order.

/** The ids with the one at `index` moved one place up (-1) or down (1); null when it cannot move that way. */
export function movedOrder(ids: readonly string[], index: number, by: -1 | 1): string[] | null {
  const target = index + by;
  if (target < 0 || target >= ids.length) return null;
  const order = [...ids];
  [order[index], order[target]] = [order[target], order[index]];
  return order;
}
