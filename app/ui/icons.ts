import type { CategoryId, LifeEventId } from "../catalogue/taxonomy";

// The portal's icons: one for each category and each life event of the catalogue, drawn as line
// work on a 24-unit square (stroked in the current colour, 1.75 units wide, round ends), so that
// they take the colour and size of the text beside them. Pictures, not words: they are hidden from
// screen readers, and the label beside each says what it is. None carries a direction, so none is
// mirrored in Arabic.

const circle = (cx: number, cy: number, r: number) => `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
const roundedRect = (x: number, y: number, width: number, height: number, r: number) =>
  `M${x + r} ${y}h${width - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}v${height - 2 * r}a${r} ${r} 0 0 1 ${-r} ${r}h${-(width - 2 * r)}a${r} ${r} 0 0 1 ${-r} ${-r}v${-(height - 2 * r)}a${r} ${r} 0 0 1 ${r} ${-r}z`;
const house = "M3 11l9-7 9 7M5 9.5V20h14V9.5";

const categoryIcons: Record<CategoryId, string[]> = {
  family: [circle(8, 6.5, 2.5), "M3.5 20v-2.5a4.5 4.5 0 0 1 9 0V20", circle(16.5, 10.5, 2), "M13 20v-1a3.5 3.5 0 0 1 7 0v1"],
  housing: [house, "M10 20v-5h4v5"],
  business: [roundedRect(3, 7, 18, 13, 2), "M9 7V5.5A1.5 1.5 0 0 1 10.5 4h3A1.5 1.5 0 0 1 15 5.5V7", "M3 12.5h18", "M11 12.5v1.5h2v-1.5"],
  safety: ["M12 3l7.5 3v5.5c0 4.4-3.1 7.9-7.5 9.5-4.4-1.6-7.5-5.1-7.5-9.5V6z", "M8.5 12l2.5 2.5 4.5-5"],
  identity: [roundedRect(3, 5, 18, 14, 2), circle(8.5, 10.5, 2), "M5.5 16a3 3 0 0 1 6 0", "M14 10h4M14 13.5h4"],
  health: [circle(12, 12, 9), "M12 8v8M8 12h8"],
  education: ["M2 9.5l10-5 10 5-10 5z", "M6 11.5v4.5c0 1.5 2.7 3 6 3s6-1.5 6-3v-4.5", "M22 9.5V15"],
  employment: [circle(12, 7, 3.5), "M5 20.5v-1a7 7 0 0 1 14 0v1", "M12 13.5l-1 2.5 1 2 1-2z"],
  transport: ["M4 16.5V12l2-5h12l2 5v4.5z", "M4 12h16", circle(7.5, 17, 1.75), circle(16.5, 17, 1.75)],
  finance: [roundedRect(2.5, 6, 19, 12, 2), circle(12, 12, 2.5), "M6 9.5h.01M18 14.5h.01"],
  justice: ["M12 4v16M8 20h8M5 7h14", "M2.5 13L5 7l2.5 6", "M2.5 13a2.5 2.5 0 0 0 5 0", "M16.5 13L19 7l2.5 6", "M16.5 13a2.5 2.5 0 0 0 5 0"],
  municipal: ["M3 20h18", "M5 20V10h5", "M10 20V4h9v16", "M13 8h3M13 12h3M13 16h3M7 14h1"],
};

const lifeEventIcons: Record<LifeEventId, string[]> = {
  marriage: [circle(9, 14, 5), circle(15, 14, 5), "M7.5 5.5l1-1.5h1l1 1.5L9 7.5z"],
  "having-a-baby": ["M3 10h18c0 3-3 5-6 5H9c-3 0-6-2-6-5z", "M13 10V3.5a7 7 0 0 1 7 6.5", "M3 10L2 7", circle(8, 19, 1.75), circle(16, 19, 1.75)],
  "new-home": [house, "M12 17.5s-3.2-1.9-3.2-4.1a1.6 1.6 0 0 1 3.2-.4 1.6 1.6 0 0 1 3.2.4c0 2.2-3.2 4.1-3.2 4.1z"],
  "starting-a-business": ["M4.5 11v9h15v-9", "M3 4h18l1 4a2.8 2.8 0 0 1-5 1.3 2.8 2.8 0 0 1-5 0 2.8 2.8 0 0 1-5 0A2.8 2.8 0 0 1 2 8z", "M10 20v-5h4v5"],
  "running-a-business": ["M3 20h18", "M6 20v-4M10 20v-7M14 20v-5M18 20V9", "M5 11l4-4 4 3 6-6", "M15.5 4H19v3.5"],
  studying: ["M12 6.5C10 5 7 4.5 3 4.5v13.5c4 0 7 .5 9 2 2-1.5 5-2 9-2V4.5c-4 0-7 .5-9 2z", "M12 6.5V20"],
  working: [roundedRect(4, 5, 16, 11, 1.5), "M2 19.5h20"],
  retiring: ["M2 18h20", "M6 18a6 6 0 0 1 12 0", "M12 8.5V5M6.3 10.8L4.2 8.7M17.7 10.8l2.1-2.1", "M8 21.5h8"],
  driving: [circle(12, 12, 9), circle(12, 12, 2.5), "M9.5 12H3M14.5 12H21M12 14.5V21"],
  travelling: ["M22 15.5v-2l-8.5-5v-5a1.5 1.5 0 0 0-3 0v5l-8.5 5v2l8.5-2.5V18l-2 1.5V21l3.5-1 3.5 1v-1.5l-2-1.5v-5z"],
  "health-care": ["M12 20s-7.5-4.6-7.5-10A4.2 4.2 0 0 1 12 7.4 4.2 4.2 0 0 1 19.5 10c0 5.4-7.5 10-7.5 10z", "M7.5 12.5h2.5l1.5-2.5 2 4 1.5-1.5h1.5"],
  "losing-a-loved-one": ["M5 19c0-8 5-14 14-14 0 9-6 14-14 14z", "M5 19l8-8"],
};

export type IconName = `category:${CategoryId}` | `event:${LifeEventId}`;

/** The line work of an icon: the `d` of each of its paths. */
export function iconPaths(name: IconName): readonly string[] {
  const [kind, id] = name.split(":") as ["category" | "event", string];
  return kind === "category" ? categoryIcons[id as CategoryId] : lifeEventIcons[id as LifeEventId];
}

export const iconNames: IconName[] = [
  ...Object.keys(categoryIcons).map((id) => `category:${id}` as IconName),
  ...Object.keys(lifeEventIcons).map((id) => `event:${id}` as IconName),
];
