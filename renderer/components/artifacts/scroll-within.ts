/** Scrolling inside the nearest scrolled box only (scrollIntoView would scroll the page too). */

function scrollParent(el: Element): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if ((overflowY === 'auto' || overflowY === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return null;
}

/** Scrolls the box holding `el` so that `el` is at its bottom. */
export function scrollToBottomOf(el: Element): void {
  const box = scrollParent(el);
  if (box) box.scrollTop = box.scrollHeight;
}

/** Scrolls the box holding `el` (and its sideways box) so that `el` is in the middle. */
export function scrollToCenter(el: Element): void {
  const box = scrollParent(el);
  if (box) {
    const r = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    box.scrollTop += r.top - b.top - (box.clientHeight - r.height) / 2;
  }
  // a long line: bring the match into view sideways within the text's own box
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.scrollWidth > p.clientWidth && getComputedStyle(p).overflowX !== 'visible') {
      const r = el.getBoundingClientRect();
      const b = p.getBoundingClientRect();
      if (r.left < b.left || r.right > b.right) p.scrollLeft += r.left - b.left - p.clientWidth / 2;
      break;
    }
  }
}
