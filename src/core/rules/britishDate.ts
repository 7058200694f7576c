/** "2025-09-01" → "01/09/2025": dates in what users read are British dd/MM/yyyy. */
export function britishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return year && month && day ? `${day}/${month}/${year}` : isoDate;
}
