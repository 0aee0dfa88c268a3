/**
 * A message dot drawn once into a small canvas (fill and white ring, antialiased) and then
 * copied per particle: copying a few hundred pixels is far cheaper than rasterising an arc.
 */
export interface DotSprite {
  image: HTMLCanvasElement;
  /** Side in device pixels. */
  size: number;
  /** Offset from the dot's centre to the sprite's top-left corner, device pixels. */
  half: number;
}

/** `radius` in CSS pixels; `dpr` device pixels per CSS pixel. */
export function dotSprite(color: string, radius: number, dpr: number): DotSprite {
  const ring = 1.5;
  const size = Math.ceil((radius + ring) * 2 * dpr) + 2;
  const image = document.createElement("canvas");
  image.width = size;
  image.height = size;
  const ctx = image.getContext("2d");
  if (ctx) {
    ctx.scale(dpr, dpr);
    ctx.beginPath();
    ctx.arc(size / 2 / dpr, size / 2 / dpr, radius, 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = ring;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.stroke();
  }
  return { image, size, half: Math.floor(size / 2) };
}
