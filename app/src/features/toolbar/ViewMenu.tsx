/** The toolbar's View menu: the matrix, the legend, canvas only, the theme, review, tidy layout. */
import { saveTheme } from '../../state/persistence';
import { usePlayground, usePlaygroundStore } from '../../store';
import { Menu, MenuItem } from './Menu';

export function ViewMenu() {
  const store = usePlaygroundStore();
  const theme = usePlayground((s) => s.theme);
  const canvasOnly = usePlayground((s) => s.canvasOnly);
  const legendOpen = usePlayground((s) => s.legendOpen);
  const matrixOpen = usePlayground((s) => s.matrixOpen);
  const reviewOpen = usePlayground((s) => s.reviewOpen);
  const state = () => store.getState();
  return (
    <Menu label="View" id="view">
      <MenuItem testId="toolbar.matrix" checked={matrixOpen} onSelect={() => state().toggle('matrixOpen')}>
        ▦ Matrix
      </MenuItem>
      <MenuItem testId="toolbar.legend" checked={legendOpen} onSelect={() => state().toggle('legendOpen')}>
        Legend
      </MenuItem>
      <MenuItem
        testId="toolbar.canvasOnly"
        checked={canvasOnly}
        onSelect={() => state().toggle('canvasOnly')}
      >
        Canvas only
      </MenuItem>
      <MenuItem
        testId="toolbar.theme"
        checked={theme === 'dark'}
        onSelect={() => {
          const next = theme === 'light' ? 'dark' : 'light';
          state().setTheme(next);
          saveTheme(next);
        }}
      >
        Dark theme
      </MenuItem>
      <MenuItem testId="toolbar.review" checked={reviewOpen} onSelect={() => state().openReview()}>
        Review changes…
      </MenuItem>
      <MenuItem testId="toolbar.tidy" onSelect={() => state().tidyLayout()}>
        Tidy up the layout
      </MenuItem>
    </Menu>
  );
}
