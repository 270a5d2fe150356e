// leads.csv: a B2B lead-scoring table. Conversion follows a documented logistic formula with
// two interactions (see leadLogit and README.md); a latent interest drives the engagement
// columns, so they correlate with each other but only the formula's inputs decide the odds.
import type { Rng } from '../../core/common/random.js';
import { dayNumber, isoDate } from '../calendar.js';
import { id, text, withCsv } from '../csv.js';
import type { WrittenFile } from '../csv.js';
import { clamp, sigmoid, throttle } from '../dataset.js';
import type { Dataset, GeneratorContext } from '../dataset.js';

export const LEAD_SIZES = { small: 5_000, large: 200_000 } as const;
const FIRST_CREATED = dayNumber(2024, 7, 1);
const LAST_CREATED = dayNumber(2025, 6, 30);

export const SOURCES = [
  'organic_search',
  'paid_search',
  'referral',
  'webinar',
  'trade_show',
  'cold_outbound',
] as const;
const SOURCE_WEIGHT = [0.3, 0.2, 0.1, 0.15, 0.1, 0.15];
export const SOURCE_EFFECT = [0, -0.6, 0.9, 0.5, 0.4, -0.8];

export const INDUSTRIES = [
  'software',
  'finance',
  'healthcare',
  'manufacturing',
  'retail',
  'logistics',
  'education',
] as const;
const INDUSTRY_WEIGHT = [0.25, 0.12, 0.12, 0.15, 0.14, 0.1, 0.12];
export const INDUSTRY_EFFECT = [0.4, 0.2, 0, 0, -0.1, 0, -0.4];

const COUNTRIES = ['US', 'UK', 'DE', 'FR', 'CA', 'AU', 'IN', 'BR', 'NL', 'SE'] as const;
const COUNTRY_WEIGHT = [0.35, 0.12, 0.1, 0.07, 0.07, 0.05, 0.08, 0.06, 0.05, 0.05];

const P_SIZE_NA = 0.04;
const P_PAGES_EMPTY = 0.02;
const P_NOTE = 0.25;

export interface LeadInputs {
  source: number;
  industry: number;
  companySize: number;
  pagesViewed: number;
  emailOpens: number;
  daysSinceFirstTouch: number;
  demoRequested: boolean;
}

/** The log-odds of conversion; README.md states the same formula. */
export function leadLogit(x: LeadInputs): number {
  const pages = Math.min(x.pagesViewed, 30);
  const paid = x.source === 1;
  const large = x.companySize >= 200;
  const sizeGap = Math.log10(x.companySize) - 2.3;
  return (
    -2.6 +
    0.09 * pages +
    0.12 * Math.min(x.emailOpens, 15) +
    (x.demoRequested ? 1.3 : 0) +
    (SOURCE_EFFECT[x.source] as number) +
    (INDUSTRY_EFFECT[x.industry] as number) -
    0.35 * sizeGap * sizeGap -
    0.005 * x.daysSinceFirstTouch +
    (x.demoRequested && large ? 0.9 : 0) + // interaction: demos convert big companies
    (paid ? 0.05 * pages : 0) // interaction: paid-search visitors need more pages
  );
}

const CITIES = ['Zürich', 'São Paulo', 'Kraków', 'Malmö', 'Montréal', 'Düsseldorf', 'Austin'];
const PEOPLE = ['Ana', 'Bjørn', 'Chloé', 'Dev', 'Émile', 'Fatima', 'Greg'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];

/** Free-text notes with commas, quotes, accents and now and then a line break. */
function note(rng: Rng): string {
  switch (rng.int(8)) {
    case 0:
      return 'Asked about pricing, SSO, and API limits';
    case 1:
      return `Met at our booth in ${rng.pick(CITIES)}`;
    case 2:
      return `Said "not now", follow up in Q${rng.intBetween(1, 4)}`;
    case 3:
      return `Call back in ${rng.pick(MONTHS)}; ask for ${rng.pick(PEOPLE)}`;
    case 4:
      return `Evaluating us against two competitors, decision by ${rng.pick(MONTHS)}`;
    case 5:
      return 'Champion changed roles.\nNew contact not yet identified';
    case 6:
      return `Wants a trial for the ${rng.pick(CITIES)} office (≈${rng.intBetween(5, 60)} seats)`;
    default:
      return 'Left voicemail';
  }
}

async function generate(ctx: GeneratorContext): Promise<WrittenFile[]> {
  const n = LEAD_SIZES[ctx.scale];
  const rng = ctx.rng;
  const tick = throttle((done, total) => ctx.progress('leads', done, total), n);
  const file = await withCsv(
    ctx.outDir,
    'leads.csv',
    [
      'lead_id',
      'created_date',
      'source',
      'industry',
      'country',
      'company_size',
      'pages_viewed',
      'email_opens',
      'days_since_first_touch',
      'demo_requested',
      'notes',
      'converted',
    ],
    async (w) => {
      for (let i = 0; i < n; i++) {
        const interest = rng.normal();
        const companySize = clamp(Math.round(Math.exp(rng.normal(Math.log(80), 1.3))), 1, 50_000);
        const x: LeadInputs = {
          source: rng.weighted(SOURCE_WEIGHT),
          industry: rng.weighted(INDUSTRY_WEIGHT),
          companySize,
          pagesViewed: rng.poisson(Math.exp(1.5 + 0.5 * interest) * rng.gamma(3, 1 / 3)),
          emailOpens: rng.poisson(Math.exp(0.8 + 0.4 * interest)),
          daysSinceFirstTouch: Math.min(365, Math.floor(rng.gamma(1.5, 20))),
          demoRequested: rng.bernoulli(
            sigmoid(-1.7 + 0.9 * interest + (companySize >= 200 ? 0.3 : 0)),
          ),
        };
        const created = rng.intBetween(FIRST_CREATED, LAST_CREATED);
        const country = COUNTRIES[rng.weighted(COUNTRY_WEIGHT)];
        const converted = rng.bernoulli(sigmoid(leadLogit(x)));
        const size = rng.bernoulli(P_SIZE_NA) ? 'NA' : String(x.companySize);
        const pages = rng.bernoulli(P_PAGES_EMPTY) ? '' : String(x.pagesViewed);
        const notes = rng.bernoulli(P_NOTE) ? text(note(rng)) : '';
        await w.row(
          `${id('L', i + 1, 6)},${isoDate(created)},${SOURCES[x.source]},${INDUSTRIES[x.industry]},${country},${size},${pages},${x.emailOpens},${x.daysSinceFirstTouch},${x.demoRequested ? 1 : 0},${notes},${converted ? 'yes' : 'no'}`,
        );
        tick(i + 1);
      }
    },
  );
  return [file];
}

export const leadsDataset: Dataset = { name: 'leads', generate };
