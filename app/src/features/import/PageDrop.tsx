/**
 * Files dropped anywhere on the page open the import dialog with them (or go into it when it is
 * open already). Only drags that carry files are taken: text dragged inside the editor stays the
 * editor's.
 */
import { useEffect } from 'react';
import { usePlaygroundStore } from '../../store';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function PageDrop() {
  const store = usePlaygroundStore();
  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length) store.getState().openImport(files);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [store]);
  return null;
}
