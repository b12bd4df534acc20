import { CONTACT_PATHS, RECOVERY_PATH_NAMES, RECOVERY_PATHS, type ContactPath, type RecoveryPath } from '../../src-shared/recoveryPathNames';
import type { MessageKey } from './i18n';

/**
 * The screens of each recovery path (seed screens 2–6 and the end), in one
 * table. The paths themselves, and what each asks for, are
 * src-shared/recoveryPaths.ts; this is how the wizard walks them. The wizard
 * store moves along these lists (`next()`), "Mulai lagi" returns to a list's
 * first screen, RecoveryWizard.vue maps each screen to its step.
 */

/** The first step of a path that starts from a contact already on the account, named after the path. */
export type ContactScreen = `recovery-${ContactPath}`;

export type RecoveryScreen = 'recovery-options' | ContactScreen | 'identity' | 'new-credentials' | 'check-credentials' | 'otp' | 'new-password' | 'done';

export interface Flow {
  /** The screens after "Pemulihan Akun", in order. */
  screens: readonly RecoveryScreen[];
  /** The screen where the contact the code goes to is typed ("Tidak menerima SMS?" leads back there). */
  contactEntry: RecoveryScreen;
  /** What the done screen adds for this path, if anything. */
  doneNote?: MessageKey;
}

/** The screens of a path follow from what it asks for (src-shared/recoveryPaths.ts). */
function flowOf(path: RecoveryPath): Flow {
  const spec = RECOVERY_PATHS[path];
  switch (spec.asks) {
    case 'registered-contact':
      return { screens: [contactScreen(path as ContactPath), 'otp', 'new-password', 'done'], contactEntry: contactScreen(path as ContactPath) };
    case 'identity':
      // "Periksa Data Anda" between seed screens 4 and 5: the new contacts shown in full before a code goes to them.
      return {
        screens: ['identity', 'new-credentials', 'check-credentials', 'otp', 'done'],
        contactEntry: 'check-credentials',
        doneNote: 'done.identityNote',
      };
  }
}

export const FLOWS = Object.fromEntries(RECOVERY_PATH_NAMES.map((path) => [path, flowOf(path)])) as Record<RecoveryPath, Flow>;

export const RECOVERY_SCREENS: readonly RecoveryScreen[] = [
  'recovery-options',
  ...new Set(Object.values(FLOWS).flatMap((flow) => flow.screens)),
];

export function contactScreen(path: ContactPath): ContactScreen {
  return `recovery-${path}`;
}

export function isContactScreen(screen: string): screen is ContactScreen {
  return CONTACT_PATHS.some((path) => contactScreen(path) === screen);
}

export function contactPathOf(screen: ContactScreen): ContactPath {
  return screen.slice('recovery-'.length) as ContactPath;
}
