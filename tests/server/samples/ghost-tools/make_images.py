"""Draw two small JPEGs (simple shapes, no photos) to upload as feature images."""
import sys
from PIL import Image, ImageDraw

out = sys.argv[1] if len(sys.argv) > 1 else "."

# 1. A harbour at dusk: sky, sea, a breakwater and a lighthouse.
img = Image.new("RGB", (480, 270), (236, 170, 120))
d = ImageDraw.Draw(img)
d.rectangle([0, 150, 480, 270], fill=(40, 82, 120))
for y in range(160, 270, 14):
    d.line([(0, y), (480, y + 4)], fill=(60, 105, 145), width=2)
d.polygon([(0, 170), (300, 160), (300, 175), (0, 190)], fill=(90, 90, 95))
d.rectangle([285, 95, 300, 160], fill=(245, 245, 240))
d.rectangle([285, 110, 300, 120], fill=(200, 40, 40))
d.polygon([(280, 95), (305, 95), (292, 82)], fill=(60, 60, 60))
d.ellipse([380, 60, 430, 110], fill=(250, 220, 150))
img.save(f"{out}/ostrel-harbour.jpg", "JPEG", quality=80)

# 2. A tide gauge on a pier after a storm: grey sky, pier, a striped gauge.
img = Image.new("RGB", (480, 270), (170, 180, 190))
d = ImageDraw.Draw(img)
d.rectangle([0, 170, 480, 270], fill=(70, 95, 110))
d.rectangle([60, 150, 420, 165], fill=(120, 95, 70))
for x in range(80, 420, 60):
    d.rectangle([x, 165, x + 8, 250], fill=(100, 80, 60))
d.rectangle([230, 60, 246, 240], fill=(250, 250, 250))
for y in range(60, 240, 20):
    d.rectangle([230, y, 246, y + 10], fill=(30, 30, 30))
d.ellipse([40, 30, 200, 80], fill=(150, 160, 170))
d.ellipse([260, 20, 460, 75], fill=(150, 160, 170))
img.save(f"{out}/tide-gauge.jpg", "JPEG", quality=80)
