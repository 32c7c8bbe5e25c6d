// The message tree of a thread. Each message names its parent; among the children of one parent (its
// siblings, made by edit and regenerate) the one with the highest `chosen` is on the selected path, and
// what is shown and sent is that path from the first turn to its end. Pure functions over light rows.
import type { Siblings } from '../../shared/domain';

export interface TreeNode {
  id: string;
  parent_id: string | null;
  chosen: number;
  seq: number;
  created_at: number;
}

export interface Tree {
  byId: Map<string, TreeNode>;
  /** parent id ('' for the first turns) → children in creation order */
  children: Map<string, TreeNode[]>;
}

const ROOT = '';

export function buildTree(nodes: readonly TreeNode[]): Tree {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, TreeNode[]>();
  for (const n of nodes) {
    // A parent that is gone (a row written by hand, a damaged file) makes the message a first turn
    // rather than losing it.
    const key = n.parent_id !== null && byId.has(n.parent_id) ? n.parent_id : ROOT;
    const list = children.get(key);
    if (list) list.push(n);
    else children.set(key, [n]);
  }
  for (const list of children.values()) list.sort((a, b) => a.seq - b.seq);
  return { byId, children };
}

function parentKey(tree: Tree, n: TreeNode): string {
  return n.parent_id !== null && tree.byId.has(n.parent_id) ? n.parent_id : ROOT;
}

function pick(list: readonly TreeNode[]): TreeNode {
  let best = list[0]!;
  for (const n of list) if (n.chosen > best.chosen || (n.chosen === best.chosen && n.seq > best.seq)) best = n;
  return best;
}

/** The selected path, first turn first. */
export function selectedPath(tree: Tree): TreeNode[] {
  const out: TreeNode[] = [];
  const seen = new Set<string>();
  let list = tree.children.get(ROOT);
  while (list && list.length > 0) {
    const n = pick(list);
    if (seen.has(n.id)) break; // a cycle can only come from a damaged file: stop rather than spin
    seen.add(n.id);
    out.push(n);
    list = tree.children.get(n.id);
  }
  return out;
}

/** The message's ancestors, first turn first (not the message itself). */
export function ancestors(tree: Tree, id: string): TreeNode[] {
  const out: TreeNode[] = [];
  const seen = new Set<string>([id]);
  let n = tree.byId.get(id);
  while (n) {
    const key = parentKey(tree, n);
    if (key === ROOT) break;
    const p = tree.byId.get(key)!;
    if (seen.has(p.id)) break;
    seen.add(p.id);
    out.push(p);
    n = p;
  }
  return out.reverse();
}

/** Sibling lists of the given messages, only where there is more than one. */
export function siblingsOf(tree: Tree, ids: readonly string[]): Siblings {
  const out: Siblings = {};
  for (const id of ids) {
    const n = tree.byId.get(id);
    if (!n) continue;
    const list = tree.children.get(parentKey(tree, n)) ?? [];
    if (list.length > 1) out[id] = list.map((x) => x.id);
  }
  return out;
}

/** The selected child of a message, if any. */
export function selectedChild(tree: Tree, id: string): TreeNode | null {
  const list = tree.children.get(id);
  return list && list.length > 0 ? pick(list) : null;
}

/**
 * Every message of the tree, each parent before its children and siblings in creation order: the order an
 * importer can insert them in. A node on a cycle (only a damaged file makes one) is left out rather than
 * looped over.
 */
export function treeOrder(tree: Tree): TreeNode[] {
  const out: TreeNode[] = [];
  const seen = new Set<string>();
  const stack = [...(tree.children.get(ROOT) ?? [])].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    out.push(n);
    const kids = tree.children.get(n.id);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** The ids, least recently chosen first: choosing them again in this order restores every selection. */
export function choiceOrder(tree: Tree): string[] {
  return [...tree.byId.values()].sort((a, b) => a.chosen - b.chosen || a.seq - b.seq).map((n) => n.id);
}
