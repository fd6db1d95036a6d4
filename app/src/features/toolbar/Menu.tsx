/**
 * A toolbar menu (WAI-ARIA menu button): a button with aria-haspopup/aria-expanded opening a list of
 * menu items. ArrowDown/Enter/Space on the button open it on the first item (ArrowUp: the last);
 * ArrowUp/ArrowDown/Home/End move between items, Escape closes it and returns to the button, Tab
 * closes it. Choosing an item or clicking elsewhere closes it. The items stay in the DOM while closed
 * (hidden), so their `data-testid`s can always be found.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

const ITEMS = '[role^="menuitem"]:not([disabled])';

export function Menu({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement | null>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const list = useRef<HTMLDivElement | null>(null);
  const menuId = useId();

  const items = () => [...(list.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
  const focusItem = (index: number) => {
    const all = items();
    if (all.length) all[(index + all.length) % all.length]?.focus();
  };
  const show = (at: 'first' | 'last') => {
    setOpen(true);
    // The list is shown on the next render: focus once it is.
    requestAnimationFrame(() => focusItem(at === 'first' ? 0 : -1));
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') show('first');
    else if (e.key === 'ArrowUp') show('last');
    // Escape before the first item took the focus (a quick key press) still closes the menu.
    else if (e.key === 'Escape' && open) close(false);
    else return;
    e.preventDefault();
  };

  const onListKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') focusItem(at + 1);
    else if (e.key === 'ArrowUp') focusItem(at - 1);
    else if (e.key === 'Home') focusItem(0);
    else if (e.key === 'End') focusItem(-1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') {
      setOpen(false);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="menu" data-menu={id} ref={root}>
      <button
        type="button"
        ref={button}
        className="menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        data-testid={`toolbar.menu.${id}`}
        onClick={() => (open ? close(false) : show('first'))}
        onKeyDown={onButtonKey}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      <div
        id={menuId}
        ref={list}
        role="menu"
        aria-label={label}
        className="menu__list"
        hidden={!open}
        onKeyDown={onListKey}
        onClick={(e) => {
          if ((e.target as Element).closest(ITEMS)) close(true);
        }}
      >
        {children}
      </div>
    </div>
  );
}

/** One menu entry. `checked` makes it a menuitemcheckbox (a view that is on or off). */
export function MenuItem({
  testId,
  onSelect,
  checked,
  disabled,
  children,
  label,
}: {
  testId: string;
  onSelect(): void;
  checked?: boolean;
  disabled?: boolean;
  children: ReactNode;
  label?: string;
}) {
  return (
    <button
      type="button"
      role={checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
      aria-checked={checked}
      aria-label={label}
      tabIndex={-1}
      className="menu__item"
      data-testid={testId}
      disabled={disabled}
      onClick={onSelect}
    >
      {/* Every item keeps the check column, so the labels line up. */}
      <span className="menu__check" aria-hidden="true">
        {checked ? '✓' : ''}
      </span>
      {children}
    </button>
  );
}
