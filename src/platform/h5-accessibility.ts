/**
 * H5 only: what the browser needs that the mini-program spells differently or does not have.
 * - Taro's router renders each page in its own scrolling container (`.taro_page`). Keyboard and switch-access
 *   users can only scroll a container that can take focus, so each gets `tabindex="0"` (WCAG 2.1.1).
 * - Components written for WeChat (NutUI's Radio, Switch …) say `aria-role`, WeChat's name for the ARIA role.
 *   Browsers and screen readers only know `role`, so it is renamed (WCAG 4.1.2).
 * - Taro's `<Image ariaLabel>` labels its wrapper, not the `<img>` inside: the label becomes the image's `alt`;
 *   an image without a label is marked decorative (`alt=""`) so screen readers skip it (WCAG 1.1.1).
 */
export function installH5Accessibility(root: ParentNode & Node = document.body): () => void {
  const fix = () => {
    root.querySelectorAll<HTMLElement>('.taro_page:not([tabindex])').forEach((el) => {
      el.setAttribute('tabindex', '0');
    });
    root.querySelectorAll<HTMLElement>('[aria-role]').forEach((el) => {
      const role = el.getAttribute('aria-role');
      el.removeAttribute('aria-role');
      if (role && !el.hasAttribute('role')) el.setAttribute('role', role);
    });
    root.querySelectorAll<HTMLImageElement>('taro-image-core img:not([alt])').forEach((img) => {
      img.setAttribute('alt', img.closest('taro-image-core')?.getAttribute('aria-label') ?? '');
    });
  };
  fix();
  const observer = new MutationObserver(fix);
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-role'],
  });
  return () => observer.disconnect();
}
