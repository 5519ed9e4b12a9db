// Layout checks run inside headless Chromium on a rendered report; the
// problems found are written as JSON into a pre element, id layout-report.
// HTML pages: nothing may stick out past the viewport unless it sits in a
// scroll container, and sibling cells' text may not overlap. SVG images:
// every text lies inside the image, no two texts overlap, and the image is
// not much larger than what it draws.
(function () {
  const problems = [];
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const textRect = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect();
  };
  const describe = (el) => el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const inScroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };

  function checkSvg(svg) {
    const box = svg.getBoundingClientRect();
    const texts = Array.from(svg.querySelectorAll('text')).filter((t) => t.textContent.trim() !== '');
    const rects = texts.map((t) => t.getBoundingClientRect());
    rects.forEach((r, i) => {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        problems.push('svg text outside the image: ' + describe(texts[i]));
      }
    });
    // Neighbours only (sorted by left edge), so that big images stay fast.
    const order = rects.map((r, i) => i).sort((a, b) => rects[a].left - rects[b].left);
    for (let a = 0; a < order.length && problems.length < 20; ++a) {
      for (let b = a + 1; b < order.length && rects[order[b]].left < rects[order[a]].right; ++b) {
        if (overlap(rects[order[a]], rects[order[b]])) {
          problems.push('svg texts overlap: ' + describe(texts[order[a]]) + ' and ' + describe(texts[order[b]]));
        }
      }
    }
    let right = box.left, bottom = box.top;
    for (const el of svg.querySelectorAll('text, rect, path, polygon, ellipse')) {
      if (el.getAttribute('width') === '100%') continue;  // the background
      if (el.closest('defs')) continue;
      const r = el.getBoundingClientRect();
      right = Math.max(right, r.right);
      bottom = Math.max(bottom, r.bottom);
    }
    const spareX = box.right - right, spareY = box.bottom - bottom;
    if (spareX > 40 + 0.15 * box.width || spareY > 40 + 0.15 * box.height) {
      problems.push('svg much larger than its content: ' + Math.round(box.width) + 'x' + Math.round(box.height) +
                    ', content ends at ' + Math.round(right - box.left) + 'x' + Math.round(bottom - box.top));
    }
  }

  function checkHtml() {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      problems.push('page wider than the viewport: ' + document.documentElement.scrollWidth + ' > ' + width);
    }
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || inScroller(el)) continue;
      if (r.right > width + 1) problems.push('sticks out past the viewport: ' + describe(el));
      if (problems.length > 20) break;
    }
    // Text of sibling cells (rotated column heads included) must not overlap.
    for (const row of document.querySelectorAll('tr, p.legend')) {
      const cells = Array.from(row.children).filter((c) => c.textContent.trim() !== '');
      const rects = cells.map(textRect);
      for (let i = 0; i + 1 < cells.length; ++i) {
        if (overlap(rects[i], rects[i + 1])) {
          problems.push('text overlaps its neighbour: ' + describe(cells[i]) + ' and ' + describe(cells[i + 1]));
        }
      }
    }
  }

  const svg = document.querySelector('body > svg');
  if (svg) checkSvg(svg); else checkHtml();
  const pre = document.createElement('pre');
  pre.id = 'layout-report';
  pre.textContent = JSON.stringify(problems);
  document.body.appendChild(pre);
})();
