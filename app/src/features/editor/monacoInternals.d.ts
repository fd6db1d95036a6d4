/**
 * Monaco 0.52 keeps "Tab moves focus" in a module-level switch that its public API only toggles
 * (Ctrl+M, `editor.action.toggleTabFocusMode`, an Action2 that `editor.trigger` cannot reach); the
 * `tabFocusMode` editor option is computed from this switch and ignored when set. We need to set it.
 */
declare module 'monaco-editor/esm/vs/editor/browser/config/tabFocus.js' {
  export const TabFocus: {
    getTabFocusMode(): boolean;
    setTabFocusMode(tabFocusMode: boolean): void;
    onDidChangeTabFocus(listener: (tabFocusMode: boolean) => void): { dispose(): void };
  };
}
