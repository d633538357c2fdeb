/**
 * The CBP newsroom of the demo site: the media-release listing (`/newsroom/media-releases/all`)
 * and one page per release it links. The "CBP Releases <Month> <Year> Monthly Update" releases
 * carry the release dates and headline figures CBP published in 2025 (September 2025 update:
 * 8,386 USBP southwest apprehensions and 26,002 nationwide encounters, released Oct 24, 2025);
 * two ordinary releases sit between them, as on the real listing.
 */
import { cbpPage, escapeHtml, usDay, weekday } from './cbp-markup.js';

export interface Release {
  readonly path: string;
  readonly title: string;
  /** Release date, `YYYY-MM-DD`. */
  readonly released: string;
  readonly kind: 'National Media Release' | 'Local Media Release';
  /** Body paragraphs (plain text; escaped when rendered). */
  readonly paragraphs: readonly string[];
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A monthly-update release for data month `month` (`YYYY-MM`), at CBP's slug for it. */
function monthlyUpdate(month: string, released: string, paragraphs: readonly string[]): Release {
  const [year, m] = month.split('-') as [string, string];
  const name = MONTH_NAMES[Number(m) - 1]!;
  return {
    path: `/newsroom/national-media-release/cbp-releases-${name.toLowerCase()}-${year}-monthly-update`,
    title: `CBP Releases ${name} ${year} Monthly Update`,
    released,
    kind: 'National Media Release',
    paragraphs: [`WASHINGTON — U.S. Customs and Border Protection today released its monthly update for ${name} ${year}.`, ...paragraphs],
  };
}

/** Every release of the listing, newest first. */
export const RELEASES: readonly Release[] = [
  {
    path: '/newsroom/local-media-release/cbp-officers-el-paso-port-entry-seize-methamphetamine',
    title: 'CBP officers at El Paso port of entry seize methamphetamine',
    released: '2025-10-27',
    kind: 'Local Media Release',
    paragraphs: ['EL PASO, Texas — U.S. Customs and Border Protection officers at the Bridge of the Americas intercepted methamphetamine concealed in a passenger vehicle.'],
  },
  monthlyUpdate('2025-09', '2025-10-24', [
    'The update closes out fiscal year 2025.',
    'U.S. Border Patrol apprehensions at the southwest border totaled 8,386 in September, an average of 279 apprehensions per day.',
    'CBP recorded 26,002 nationwide encounters in September, continuing the historic lows seen since February.',
  ]),
  monthlyUpdate('2025-08', '2025-09-22', [
    'U.S. Border Patrol apprehensions at the southwest border totaled 6,319 in August, an average of 204 apprehensions per day.',
    'CBP recorded 26,197 nationwide encounters in August.',
  ]),
  {
    path: '/newsroom/national-media-release/cbp-announces-new-trusted-traveler-enrollment-centers',
    title: 'CBP announces new Trusted Traveler enrollment centers',
    released: '2025-09-18',
    kind: 'National Media Release',
    paragraphs: ['WASHINGTON — U.S. Customs and Border Protection announced new enrollment centers for its Trusted Traveler Programs.'],
  },
  monthlyUpdate('2025-06', '2025-07-15', [
    'CBP recorded 25,228 nationwide encounters in June.',
    'U.S. Border Patrol apprehensions nationwide totaled 8,024, and U.S. Border Patrol apprehensions at the southwest border totaled 6,072.',
  ]),
  monthlyUpdate('2025-05', '2025-06-18', [
    'U.S. Border Patrol apprehensions at the southwest border totaled 8,725 in May, compared with 117,905 in May 2024.',
    'CBP averaged about 952 encounters per day nationwide.',
  ]),
  monthlyUpdate('2025-03', '2025-04-14', [
    'U.S. Border Patrol apprehensions at the southwest border totaled 7,181 in March, down from 8,346 in February and 137,473 in March 2024.',
    'U.S. Border Patrol averaged 264 apprehensions per day nationwide.',
  ]),
];

function listingItem(release: Release, withImage: boolean): string {
  const image = withImage
    ? `<div class="views-row"><a class="usa-card__img" href="${release.path}#main-content"><img src="/sites/default/files/styles/thumb/public/2025-10/border-wall.jpg" alt="Border wall at sunset"></a></div>\n`
    : '';
  return `${image}<div class="views-row">
  <div class="usa-collection__item"><div class="usa-collection__body">
    <h3 class="usa-collection__heading"><a class="usa-link" href="${release.path}">${escapeHtml(release.title)}</a></h3>
    <p class="usa-collection__description">${escapeHtml(release.paragraphs[0]!.slice(0, 90))}…</p>
    <ul class="usa-collection__meta" aria-label="More information">
      <li class="usa-collection__meta-item"><time datetime="${release.released}T12:00:00Z">${usDay(release.released)}</time></li>
      <li class="usa-collection__meta-item usa-tag">${release.kind}</li>
    </ul>
  </div></div>
</div>`;
}

/** The newsroom listing: every release with its date; the newest monthly update also has a thumbnail link. */
export function mediaReleasesPage(releases: readonly Release[]): string {
  const firstUpdate = releases.find((r) => r.title.endsWith('Monthly Update'));
  const items = releases.map((r) => listingItem(r, r === firstUpdate)).join('\n');
  const body = `<div class="view view-media-releases view-id-media_releases">
${items}
</div>
<nav class="usa-pagination" aria-label="Pagination"><a href="/newsroom/media-releases/all?page=1">Next</a></nav>`;
  return cbpPage({ title: 'Media Releases', body });
}

/** One release page: title, "Release Date: Fri, 10/24/2025", prose, release type. */
export function releasePage(release: Release): string {
  const paragraphs = release.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const body = `<article class="usa-prose">
  <div class="field field--name-field-release-date"><span class="text-bold">Release Date:</span> <time datetime="${release.released}T12:00:00Z">${weekday(release.released)}, ${usDay(release.released)}</time></div>
  <div class="clearfix text-formatted field field--name-body">${paragraphs}<p>For more information, visit CBP’s <a href="/newsroom/stats/nationwide-encounters">Nationwide Encounters</a> page.</p></div>
  <div class="field field--name-field-release-type"><span class="usa-tag">${release.kind}</span></div>
</article>`;
  return cbpPage({ title: release.title, body });
}
