// mulberry32: the same choices for the same seed (timing still varies), and a weighted pick.
export function seeded(seed) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (weights) => {
    const entries = Object.entries(weights);
    let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [name, w] of entries) {
      r -= w;
      if (r < 0) return name;
    }
    return entries[0][0];
  };
  return { random, pick };
}
