/**
 * The embedded stub's demo citizens (docs/architecture.md §8) as a person at
 * the kiosk sees them: what they type and how the kiosk masks it. One copy
 * for the renderer's unit tests and the end-to-end stories.
 */
export const SITI = {
  nik: '3171014101900001',
  fullName: 'SITI RAHAYU',
  mother: 'AMINAH',
  phone: '081234562797',
  phoneMasked: '08*****2797',
  email: 'siti.rahayu@example.com',
  emailMasked: 's***@example.com',
  password: 'Lama#2024a',
} as const;

export const BUDI = {
  nik: '3273011505850002',
  fullName: 'BUDI SANTOSO',
  mother: 'SRI WAHYUNI',
  phone: '081288488955',
  phoneMasked: '08*****8955',
  email: 'budi.santoso@example.com',
  emailMasked: 'b***@example.com',
  password: 'Budi#2023x',
} as const;
