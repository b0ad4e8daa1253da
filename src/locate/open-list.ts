/** What an `OpenList` links: its neighbours, kept on the item itself. */
export interface Linked<T> {
  previous: T | undefined;
  next: T | undefined;
  listed: boolean;
}

/**
 * Items in the order they were added, linked through the items: adding and removing cost two pointers, where a
 * `Set` of objects hashes each one (a request is added and removed every dozen lines of a log).
 */
export class OpenList<T extends Linked<T>> {
  first: T | undefined;
  private last: T | undefined;
  size = 0;

  add(item: T): void {
    item.previous = this.last;
    item.next = undefined;
    item.listed = true;
    if (this.last) this.last.next = item;
    else this.first = item;
    this.last = item;
    this.size++;
  }

  /** False when the item was not in the list. */
  delete(item: T): boolean {
    if (!item.listed) return false;
    const { previous, next } = item;
    if (previous) previous.next = next;
    else this.first = next;
    if (next) next.previous = previous;
    else this.last = previous;
    item.previous = undefined;
    item.next = undefined;
    item.listed = false;
    this.size--;
    return true;
  }

  /** The items, oldest first, as an array (what is done with them may remove them). */
  toArray(): T[] {
    const items: T[] = [];
    for (let item = this.first; item; item = item.next) items.push(item);
    return items;
  }
}
