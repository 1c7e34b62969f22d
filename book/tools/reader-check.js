// The reader's check, run by book/tools/reader-check in headless Chromium.
//
// This page is served beside a built copy of the book, so that it may look
// into the pages it loads. It opens each page in a 390 px frame (a phone's
// width), as a reader would, and reports:
//   - any element wider than that viewport, or sticking out of it, outside
//     a box that scrolls by design (a code block, a wide table's wrapper);
//   - any event of a timeline picture that falls outside what the reader
//     sees, the frame or the picture's own box;
//   - any mark of a timeline (event, span, label, tick) whose colour has a
//     contrast under 4.5:1 with the page's background, in each of mdBook's
//     five themes;
//   - for each name of SEARCHES, the first result of the book's own search,
//     which must be the section that teaches it.
// The answer goes into <pre id="result"> as JSON, which the script reads
// from Chromium's --dump-dom.

'use strict';

const WIDTH = 390;
const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];
const MARKS = {
    'tl-event': 'fill',
    'tl-span': 'stroke',
    'tl-label': 'fill',
    'tl-tick': 'fill',
};

function sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}

async function open(frame, url) {
    await new Promise(resolve => {
        frame.onload = resolve;
        frame.src = url;
    });
    // A frame for layout and for the book's own scripts (course.js).
    await sleep(50);
}

async function waitFor(test, ms) {
    for (let waited = 0; waited < ms; waited += 25) {
        const value = test();
        if (value) {
            return value;
        }
        await sleep(25);
    }
    return null;
}

function describe(el) {
    let text = el.tagName.toLowerCase();
    if (el.id) {
        text += '#' + el.id;
    }
    if (typeof el.className === 'string' && el.className) {
        text += '.' + el.className.trim().split(/\s+/).join('.');
    }
    const words = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return words ? `${text} "${words}"` : text;
}

// The boxes that scroll sideways by design: a code block (a long line scrolls
// inside it, as in mdBook), a wide table's wrapper, and a timeline's figure
// (whose events checkTimelines checks). Anything else wider than the
// viewport, the text column itself included, is a problem.
const SCROLLS_BY_DESIGN = 'pre, .table-wrapper, figure.timeline';

function insideScrollingBox(el) {
    const box = el.parentElement && el.parentElement.closest(SCROLLS_BY_DESIGN);
    return Boolean(box);
}

function checkWidths(win, page, problems) {
    const doc = win.document;
    const viewport = doc.documentElement.clientWidth;
    if (doc.documentElement.scrollWidth > viewport + 1) {
        problems.push(`${page}: the page scrolls sideways: ` +
            `${doc.documentElement.scrollWidth} px of content in ${viewport} px`);
    }
    const column = doc.getElementById('mdbook-content');
    if (column && column.scrollWidth > column.clientWidth + 1) {
        problems.push(`${page}: the text column scrolls sideways: ` +
            `${column.scrollWidth} px of content in ${column.clientWidth} px`);
    }
    const root = doc.getElementById('mdbook-page-wrapper') || doc.body;
    for (const el of root.querySelectorAll('*')) {
        if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') {
            continue; // a picture's parts: see checkTimelines
        }
        if (insideScrollingBox(el)) {
            continue;
        }
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) {
            continue;
        }
        if (box.width > viewport + 1 || box.right > viewport + 1 || box.left < -1) {
            problems.push(`${page}: ${describe(el)} spans ${Math.round(box.left)} to ` +
                `${Math.round(box.right)} px, in a ${viewport} px viewport`);
        }
    }
}

function checkTimelines(win, page, problems) {
    const doc = win.document;
    const viewport = doc.documentElement.clientWidth;
    const figures = doc.querySelectorAll('figure.timeline');
    for (const figure of figures) {
        const seen = figure.getBoundingClientRect();
        const left = Math.max(0, seen.left), right = Math.min(viewport, seen.right);
        const label = figure.getAttribute('aria-label') || 'a timeline';
        let hidden = 0, events = 0;
        for (const event of figure.querySelectorAll('.tl-event')) {
            events += 1;
            const box = event.getBoundingClientRect();
            if (box.left < left - 0.5 || box.right > right + 0.5) {
                hidden += 1;
            }
        }
        if (events === 0) {
            problems.push(`${page}: "${label}" has no events`);
        } else if (hidden > 0) {
            problems.push(`${page}: "${label}": ${hidden} of ${events} events lie ` +
                `outside what a ${WIDTH} px reader sees`);
        }
    }
    return figures.length;
}

function rgb(colour) {
    const parts = colour.match(/[\d.]+/g) || [];
    return parts.slice(0, 4).map(Number);
}

function luminance([r, g, b]) {
    const channel = c => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

// The colour behind an element: the first ancestor's that is not transparent.
function background(el, win) {
    for (let up = el; up; up = up.parentElement) {
        const colour = rgb(win.getComputedStyle(up).backgroundColor);
        if (colour.length === 3 || (colour.length === 4 && colour[3] > 0)) {
            return colour.slice(0, 3);
        }
    }
    return [255, 255, 255];
}

function checkContrast(win, page, problems, worst) {
    const doc = win.document;
    const html = doc.documentElement;
    const before = html.className;
    for (const theme of THEMES) {
        for (const other of THEMES) {
            html.classList.remove(other);
        }
        html.classList.add(theme);
        for (const [mark, property] of Object.entries(MARKS)) {
            for (const el of doc.querySelectorAll('figure.timeline .' + mark)) {
                const style = win.getComputedStyle(el);
                const colour = rgb(style[property]);
                if (colour.length < 3) {
                    continue; // painted with nothing: no mark
                }
                const opacity = Number(style.opacity) *
                    Number(property === 'fill' ? style.fillOpacity : style.strokeOpacity);
                const ratio = opacity < 1 ? 1 : contrast(colour.slice(0, 3), background(el, win));
                const key = `${theme} ${mark}`;
                worst[key] = Math.min(worst[key] || Infinity, ratio);
                if (ratio < 4.5) {
                    problems.push(`${page}: in ${theme}, a ${mark} has a contrast of ` +
                        `${ratio.toFixed(2)}:1 (${style[property]}, opacity ${opacity})`);
                    break;
                }
            }
        }
    }
    html.className = before;
}

async function main() {
    const setup = await (await fetch('reader-check.json')).json();
    const frame = document.getElementById('frame');
    const problems = [];
    const worst = {};
    const searches = [];
    let pictures = 0;
    for (const page of setup.pages) {
        await open(frame, page);
        const win = frame.contentWindow;
        checkWidths(win, page, problems);
        const figures = checkTimelines(win, page, problems);
        if (figures > 0) {
            pictures += figures;
            checkContrast(win, page, problems, worst);
        }
    }
    // The search as a reader uses it: one page, the search bar, the first
    // result. The first name comes through the URL (`?search=`), which also
    // loads the index; the others are typed into the bar.
    let doc = null;
    for (const [name, expected] of setup.searches) {
        let first;
        if (doc === null) {
            await open(frame, 'index.html?search=' + encodeURIComponent(name));
            doc = frame.contentDocument;
        } else {
            const bar = doc.getElementById('mdbook-searchbar');
            bar.value = name;
            bar.dispatchEvent(new frame.contentWindow.KeyboardEvent('keyup'));
        }
        first = await waitFor(() => {
            const header = doc.getElementById('mdbook-searchresults-header');
            const link = doc.querySelector('#mdbook-searchresults li a');
            // The header names the term once the results are the new ones.
            return header && header.textContent.includes(`'${name}'`) ? (link || 'none') : null;
        }, 5000);
        const href = first && first !== 'none' ? first.getAttribute('href') : '(no result)';
        // A result's link is page.html?highlight=…#anchor.
        const top = href.replace(/\?highlight=[^#]*/, '').replace(/\.html/, '.md');
        searches.push({name, expected, top, ok: top === expected});
        if (top !== expected) {
            problems.push(`a search for ${name} finds ${top} first, not ${expected}`);
        }
    }
    const result = {pages: setup.pages.length, pictures, worst, searches, problems};
    document.getElementById('result').textContent = JSON.stringify(result);
}

main().catch(error => {
    document.getElementById('result').textContent =
        JSON.stringify({problems: ['the check itself failed: ' + error]});
});
