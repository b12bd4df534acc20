/** English texts of the kiosk frame; the same keys as kiosk.id.ts. */
export default {
  kiosk: {
    operatorSignIn: {
      title: 'Staff sign-in',
      intro: 'Counter staff sign in before serving citizens.',
      staffIdLabel: 'Staff ID',
      staffIdPlaceholder: 'Enter your staff ID',
      pinLabel: 'PIN',
      pinPlaceholder: 'Enter your PIN',
      submit: 'Staff sign-in',
      trainingNote: 'Training mode — demo staff: ID {staffId}, PIN {pin}',
      staffIdRequired: 'Staff ID is required.',
      staffIdInvalid: 'A staff ID has letters and digits only.',
      pinRequired: 'PIN is required.',
      pinInvalid: 'A PIN has 4–8 digits.',
    },
    auditExport: {
      open: 'Export audit log',
      title: 'Export audit log (CSV)',
      from: 'From date (UTC)',
      to: 'To date (UTC)',
      submit: 'Export',
      close: 'Close',
      done: '{records} records saved to {path}',
    },
    operatorBar: {
      label: 'Staff',
      signedInAs: 'Staff: {name} ({staffId})',
      signOut: 'End staff session',
    },
    attract: {
      title: 'Touch the screen to start',
      subtitle: 'SIAPkerja account recovery',
      start: 'Start',
    },
    idle: {
      citizenTitle: 'Still there?',
      citizenBody: 'To protect your data, the screen will be cleared in {n} seconds.',
      operatorTitle: 'Staff session ending',
      operatorBody: 'No activity. The staff member will be signed out in {n} seconds.',
      extend: 'Continue',
      wiping: 'Clearing the screen…',
    },
    keyboard: {
      label: 'On-screen keyboard',
      backspace: 'Delete',
      enter: 'Next',
      shift: 'Capitals',
      space: 'Space',
    },
    loading: 'Loading…',
  },
};
