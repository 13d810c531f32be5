/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` (markers kept, the rest untouched). */
export function replaceSection(text: string, name: string, body: string, where: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${where}: markers ${start} … ${end} not found`);
  return `${text.slice(0, i + start.length)}\n${body.trim()}\n${text.slice(j)}`;
}
