import { useRef, useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import { downloadPng, downloadText } from '@/web/lib/download';

/** CSV and PNG export of a chart's figure. The PNG is drawn from the figure `figureRef` is put on, so
 * what is downloaded is what is seen; a failure is kept to be said in the figure rather than thrown. */
export function useChartExport(fileBase: string, csv: () => string) {
  const { t } = useTranslation();
  const figureRef = useRef<HTMLElement>(null);
  const [exportError, setExportError] = useState<string>();

  const exportCsv = () => downloadText(`${fileBase}.csv`, csv(), 'text/csv;charset=utf-8');

  const exportPng = async () => {
    const node = figureRef.current;
    if (!node) return;
    setExportError(undefined);
    try {
      await downloadPng(`${fileBase}.png`, node);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setExportError(t('chartExport.failed', { message }));
    }
  };

  return { figureRef, exportError, exportCsv, exportPng };
}

/** The export buttons of a chart's head, named after the chart. `data-export-skip` keeps them out of the PNG
 * they make. */
export function ChartExportActions({
  chart,
  onCsv,
  onPng,
}: {
  chart: string;
  onCsv: () => void;
  onPng: () => Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <div className="graph-actions" data-export-skip="">
      <button type="button" aria-label={t('chartExport.csvLabel', { chart })} onClick={onCsv}>
        {t('chartExport.csv')}
      </button>
      <button type="button" aria-label={t('chartExport.pngLabel', { chart })} onClick={() => void onPng()}>
        {t('chartExport.png')}
      </button>
    </div>
  );
}

/** Why the last PNG export failed, left out of the next one. */
export function ChartExportError({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-export-skip="">
      {error}
    </p>
  );
}
