// Saves what the page made (a CSV, a PNG) as a file, through a temporary link: no server round trip.

export function downloadUrl(fileName: string, href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  // Attached while clicked: some browsers ignore a click on a link outside the document.
  document.body.append(link);
  link.click();
  link.remove();
}

export function downloadText(fileName: string, text: string, type: string): void {
  // The byte-order mark makes spreadsheet programs read the file as UTF-8 (Chinese headers, accented names).
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  downloadUrl(fileName, url);
  // The download has started once click() returns; the URL can go after the current task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `node` drawn as a PNG at twice its size on the theme's surface colour, without its `data-export-skip`
 * children (the export buttons themselves); html-to-image is loaded only when someone exports. */
export async function downloadPng(fileName: string, node: HTMLElement): Promise<void> {
  const { toPng } = await import('html-to-image');
  const url = await toPng(node, {
    pixelRatio: 2,
    backgroundColor: getComputedStyle(node).getPropertyValue('--surface').trim() || undefined,
    filter: (child) => !(child instanceof HTMLElement && child.dataset.exportSkip !== undefined),
  });
  downloadUrl(fileName, url);
}

/** An export's file name, without extension, that says what and when: `k8s-worker-01_network-vmnic0_week`. */
export function exportBaseName(entityName: string, chartId: string, rangeLabel: string): string {
  const safe = (s: string) => s.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${safe(entityName)}_${safe(chartId)}_${safe(rangeLabel)}`;
}
