/**
 * Made-up citizens for the browser benches: each recovery needs its own NIK
 * (3 identity tries per NIK per 24 h) and its own new phone and e-mail (a
 * contact cannot belong to two accounts). Everything is derived from an
 * index, so runs are reproducible and nothing collides with the demo data.
 */
export interface BenchCitizen {
  nik: string;
  fullName: string;
  motherMaidenName: string;
  phone: string;
  email: string;
  password: string;
}

export interface NewContacts {
  phone: string;
  email: string;
  password: string;
  /** How the training phone shows the new number: `08*****1234`. */
  phoneMasked: string;
}

/** Letters that do not occur in the bench passwords (a password may not contain a name part). */
const NAME_LETTERS = 'BCDEFGJMNQRTVWYZ';

function letters(n: number, width: number): string {
  let out = '';
  let rest = n;
  for (let i = 0; i < width; i += 1) {
    out = (NAME_LETTERS[rest % NAME_LETTERS.length] as string) + out;
    rest = Math.floor(rest / NAME_LETTERS.length);
  }
  return out;
}

/** Index 0…9998 (a NIK serial is 4 digits, never 0000). `run` separates the benches of one run. */
export function benchCitizen(index: number, run = 0): BenchCitizen {
  const serial = String(index + 1).padStart(4, '0');
  const day = String(2 + (run % 27)).padStart(2, '0');
  const tag = letters(index, 4);
  return {
    // Jakarta Pusat (31 71 01), born <day> Feb 1990.
    nik: `317101${day}0290${serial}`,
    fullName: `WARGA UJI ${tag}`,
    motherMaidenName: `IBU ${tag}`,
    phone: `0813${String(run % 10)}${String(index).padStart(7, '0')}`,
    email: `warga.${run}.${index}@example.com`,
    password: 'Lama#2024z',
  };
}

export function newContactsFor(index: number, run = 0): NewContacts {
  const phone = `0857${String(run % 10)}${String(index).padStart(7, '0')}`;
  return {
    phone,
    email: `baru.${run}.${index}@example.org`,
    password: 'Pulih#Soak9x',
    phoneMasked: `${phone.slice(0, 2)}*****${phone.slice(-4)}`,
  };
}
