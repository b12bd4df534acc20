/**
 * Bahasa Indonesia texts of the kiosk frame (issue #6): officer sign-in,
 * attract screen, idle warning, on-screen keyboard. A fragment under the
 * `kiosk` key, merged into the global messages by KioskFrame at start (and
 * ready to be merged into id.ts by the wizard's owner). Labels of the officer
 * screen are DESIGN.md §5's: "ID Petugas", "PIN", "Masuk Petugas".
 */
export default {
  kiosk: {
    operatorSignIn: {
      title: 'Masuk Petugas',
      intro: 'Petugas loket masuk terlebih dahulu sebelum melayani warga.',
      staffIdLabel: 'ID Petugas',
      staffIdPlaceholder: 'Masukkan ID Petugas',
      pinLabel: 'PIN',
      pinPlaceholder: 'Masukkan PIN',
      submit: 'Masuk Petugas',
      trainingNote: 'Mode pelatihan — petugas contoh: ID {staffId}, PIN {pin}',
      staffIdRequired: 'ID Petugas wajib diisi.',
      staffIdInvalid: 'ID Petugas hanya berisi huruf dan angka.',
      pinRequired: 'PIN wajib diisi.',
      pinInvalid: 'PIN terdiri dari 4–8 angka.',
    },
    auditExport: {
      open: 'Ekspor Log Audit',
      title: 'Ekspor Log Audit (CSV)',
      from: 'Dari tanggal (UTC)',
      to: 'Sampai tanggal (UTC)',
      submit: 'Ekspor',
      close: 'Tutup',
      done: '{records} catatan disimpan ke {path}',
    },
    operatorBar: {
      label: 'Petugas',
      signedInAs: 'Petugas: {name} ({staffId})',
      signOut: 'Akhiri Sesi Petugas',
    },
    attract: {
      title: 'Sentuh layar untuk memulai',
      subtitle: 'Pemulihan akun SIAPkerja',
      start: 'Mulai',
    },
    idle: {
      citizenTitle: 'Masih di sana?',
      citizenBody: 'Demi keamanan data Anda, layar akan dibersihkan dalam {n} detik.',
      operatorTitle: 'Sesi petugas akan berakhir',
      operatorBody: 'Tidak ada aktivitas. Petugas akan dikeluarkan dalam {n} detik.',
      extend: 'Lanjutkan',
      wiping: 'Membersihkan layar…',
    },
    keyboard: {
      label: 'Keyboard layar',
      backspace: 'Hapus',
      enter: 'Lanjut',
      shift: 'Huruf besar',
      space: 'Spasi',
    },
    loading: 'Memuat…',
  },
};
