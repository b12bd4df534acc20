/**
 * Bahasa Indonesia: the seed's wording, to the letter, for every label,
 * placeholder, hint and button (seed/account-recovery-flow.txt).
 */
export default {
  app: {
    name: 'Pulih',
    tagline: 'LUPA EMAIL / NO. HP? SEKARANG MUDAH LOH!',
    /** {language}: the other language's own name (i18n/index.ts, LOCALES). */
    switchToLabel: 'Ganti bahasa ke {language}',
    trainingBanner: 'MODE PELATIHAN — data contoh, tidak terhubung ke layanan sebenarnya',
    back: 'Kembali',
    cancel: 'Batal',
    restart: 'Mulai lagi',
  },
  signIn: {
    title: 'Masuk',
    identifierLabel: 'Email atau nomor handphone',
    identifierPlaceholder: 'Masukkan email atau nomor handphone',
    passwordLabel: 'Password',
    passwordPlaceholder: 'Masukkan password',
    trouble: 'Kendala Masuk ke Akun?',
    submit: 'Masuk',
    noAccount: 'Belum memiliki akun?',
    register: 'Daftar Sekarang',
    help: 'Kunjungi Pusat Bantuan',
  },
  signedIn: {
    title: 'Berhasil masuk',
    as: 'Anda masuk sebagai {name} ({identifier}).',
    note: 'Kios ini tidak menyimpan sesi Anda. Tekan Keluar bila sudah selesai.',
    signOut: 'Keluar',
  },
  password: {
    show: 'Tampilkan password',
    hide: 'Sembunyikan password',
  },
  recovery: {
    title: 'Pemulihan Akun',
    intro: 'Jika Anda memiliki kendala masuk ke Akun, silakan pilih opsi pemulihan akun di bawah.',
  },
  /**
   * One entry per recovery path (src-shared/recoveryPaths.ts): its option on
   * seed screen 2 and, for a path that starts from a registered contact, the
   * intro of its first step. Keys are built from the path's name, so a new
   * path does not compile until it has its texts here and in en.ts.
   */
  paths: {
    phone: {
      title: 'Melalui Nomor Handphone',
      hint: 'Pengaturan ulang password dengan kode OTP yang dikirimkan ke handphone Anda',
      intro: 'Masukkan nomor handphone yang terdaftar di akun Anda. Kami akan mengirimkan kode OTP melalui SMS ke nomor tersebut.',
    },
    email: {
      title: 'Melalui Email',
      hint: 'Pengaturan ulang password dengan kode OTP yang dikirimkan ke email Anda',
      intro: 'Masukkan email yang terdaftar di akun Anda. Kami akan mengirimkan kode OTP ke email tersebut.',
    },
    identity: {
      title: 'Melalui Verifikasi Identitas',
      hint: 'Lupa no hp dan email? Anda dapat mengatur ulang no hp, email dan password dengan verifikasi identitas',
    },
  },
  /**
   * One entry per code channel: the field of the registered contact a code
   * goes to, the choice on seed screen 4, and the name on the training phone.
   */
  channels: {
    sms: {
      name: 'SMS',
      label: 'Nomor Handphone',
      placeholder: 'Masukkan nomor handphone',
      newContact: 'SMS ke nomor handphone baru',
    },
    email: {
      name: 'Email',
      label: 'Email',
      placeholder: 'Masukkan email',
      newContact: 'Email ke alamat email baru',
    },
  },
  contact: {
    title: 'Pemulihan Akun',
    phoneHint: 'Boleh ditulis 08…, 628… atau +628…',
    submit: 'Lanjutkan',
  },
  identity: {
    title: 'Pemulihan Akun',
    triesNotice:
      'Opsi pemulihan akun dengan melalui verifikasi identitas hanya bisa dicoba sebanyak 3x dalam waktu 24 jam. Pastikan Anda menggunakan data identitas yang benar.',
    nikLabel: 'Nomor Induk Kependudukan (No. KTP)',
    nikPlaceholder: 'Masukkan nomor induk kependudukan',
    fullNameLabel: 'Nama Lengkap',
    fullNamePlaceholder: 'Masukkan nama lengkap',
    motherLabel: 'Nama Ibu Kandung',
    motherPlaceholder: 'Masukkan nama ibu kandung',
    motherNotice: 'Kami tidak menyimpan data ibu kandung Anda. Data ini hanya digunakan untuk memverifikasi identitas Anda.',
    idCardChecked: 'KTP asli telah diperiksa petugas',
    submit: 'Lanjutkan',
  },
  credentials: {
    title: 'Atur Ulang Password',
    notice:
      'Pastikan Anda memasukkan nomor handphone dan email baru yang aktif. Kami akan mengirimkan kode verifikasi OTP ke salah satu nomor handphone atau email.',
    phoneLabel: 'Nomor Handphone Baru',
    phonePlaceholder: 'Contoh: 081288488955',
    emailLabel: 'Alamat Email Baru',
    emailPlaceholder: "Contoh: nama{'@'}domain.com",
    channelLegend: 'Kirim kode OTP melalui',
    sentNotice:
      'Kode OTP sudah dikirim ke {destination}. Bila Anda mengubah data di sini, kode baru akan dikirim dan kode sebelumnya tidak berlaku lagi.',
    submit: 'Lanjutkan',
  },
  newPassword: {
    title: 'Atur Ulang Password',
    intro: 'Buat password baru untuk akun Anda.',
    label: 'Password Baru',
    placeholder: 'Masukkan password baru kamu',
    confirmLabel: 'Konfirmasi Password',
    confirmPlaceholder: 'Masukkan konfirmasi password',
    submit: 'Lanjutkan',
  },
  checklist: {
    label: 'Syarat password',
    minLength: 'Minimal 8 karakter',
    lower: 'Terdapat minimal satu huruf kecil',
    upper: 'Terdapat minimal satu huruf besar',
    digit: 'Terdapat minimal satu angka',
    symbol: "Terdapat salah satu simbol: ! {'@'} # $ % ^ & *",
    containsPersonalData: 'Tidak memuat NIK, nama, nomor handphone atau email Anda',
    common: 'Bukan password umum yang mudah ditebak',
    met: 'terpenuhi',
    unmet: 'belum terpenuhi',
  },
  otp: {
    title: 'Verifikasi',
    intro: 'Masukkan kode OTP yang telah kami kirim ke {destination}.',
    label: 'Kode OTP',
    hint: '{otpLength} angka',
    submit: 'Konfirmasi',
    notReceived: 'Belum menerima kode?',
    resend: 'Kirim Ulang',
    resendIn: 'Kirim ulang tersedia dalam {time}',
    resent: 'Kode OTP baru telah dikirim ke {destination}.',
    noResendsLeft: 'Kode tidak dapat dikirim ulang lagi.',
  },
  done: {
    title: 'Akun berhasil dipulihkan',
    referenceLabel: 'Nomor referensi',
    referenceNote: 'Catat nomor ini bila Anda perlu menghubungi petugas. Nomor ini bukan password.',
    identityNote: 'Nomor handphone dan email akun Anda telah diganti dengan yang baru.',
    sessionsNote: 'Semua sesi masuk di perangkat lain telah diakhiri, dan pemberitahuan dikirim ke nomor handphone dan email lama Anda.',
    signInNote: 'Silakan masuk dengan password baru Anda.',
    toSignIn: 'Kembali ke halaman Masuk',
  },
  /** "Periksa Data Anda": the identity path's new details shown before the code is sent. */
  check: {
    title: 'Periksa Data Anda',
    intro: 'Periksa sekali lagi sebelum kode OTP dikirim. Bila ada yang salah, tekan Ubah.',
    channelLabel: 'Kode OTP dikirim melalui',
    via: {
      sms: 'SMS ke {destination}',
      email: 'Email ke {destination}',
    },
    passwordLabel: 'Password Baru',
    passwordHidden: 'Sudah diisi (tidak ditampilkan)',
    sentNotice: 'Kode OTP sudah dikirim ke {destination}. Data ini belum diubah sejak itu.',
    submit: 'Kirim Kode OTP',
    toCode: 'Masukkan Kode OTP',
    change: 'Ubah',
  },
  /** What the Verifikasi screen says about its code: how long it lasts, delays, and what to do when nothing arrives. */
  codeHelp: {
    validFor: 'Kode berlaku {time} lagi',
    oneMinuteLeft: 'Kode OTP berlaku 1 menit lagi.',
    expired: 'Kode OTP sudah kedaluwarsa.',
    expiredResend: 'Kode OTP sudah kedaluwarsa. Minta kode baru.',
    expiredNoResend: 'Kode OTP sudah kedaluwarsa dan tidak dapat dikirim ulang lagi. Silakan mulai lagi.',
    expiredNoResendIdentity: 'Kode OTP sudah kedaluwarsa dan tidak dapat dikirim ulang lagi. Kirim kode baru dari halaman Periksa Data Anda.',
    newCode: 'Kirim kode baru',
    delay: {
      sms: 'SMS bisa memerlukan beberapa menit untuk sampai.',
      email: 'Email bisa memerlukan beberapa menit untuk sampai; periksa juga folder Spam.',
    },
    newestOnly: 'Hanya kode terbaru yang berlaku.',
    notReceived: {
      sms: 'Tidak menerima SMS?',
      email: 'Tidak menerima email?',
    },
    checkContact: {
      sms: 'Pastikan nomor handphone tujuan benar, handphone aktif dan mendapat sinyal.',
      email: 'Pastikan alamat email tujuan benar, dan periksa folder Spam.',
    },
    changeContact: {
      sms: 'Periksa atau ubah nomor handphone',
      email: 'Periksa atau ubah alamat email',
    },
    helpLine: 'Masih belum menerima? Tanyakan kepada petugas di loket atau hubungi Pusat Bantuan Kemnaker di {phone}.',
  },
  /** The done page: the account's contacts now, and the reference by SMS. */
  doneContacts: {
    title: 'Kontak akun Anda sekarang',
    phone: 'Nomor handphone',
    email: 'Email',
    referenceSent: 'Nomor referensi juga dikirim lewat SMS ke {phone}.',
  },
  training: {
    panelTitle: 'Ponsel & Email Simulasi',
    panelNote: 'Pesan yang dikirim layanan contoh, untuk latihan.',
    show: 'Tampilkan ponsel simulasi',
    hide: 'Sembunyikan',
    empty: 'Belum ada pesan.',
    to: 'Ke {destination}',
    carrier: 'Telkomsel',
    unavailable: 'Pesan belum dapat dimuat.',
  },
  info: {
    register: {
      title: 'Daftar Sekarang',
      body: 'Pendaftaran akun dilakukan di situs resmi. Pindai kode QR ini dengan handphone Anda untuk membuka halaman pendaftaran.',
    },
    help: {
      title: 'Kunjungi Pusat Bantuan',
      body: 'Pindai kode QR ini dengan handphone Anda untuk membuka Pusat Bantuan. Anda juga dapat bertanya kepada petugas di loket.',
    },
    qrAlt: 'Kode QR menuju {url}',
    kioskNote: 'Kios ini tidak membuka browser.',
  },
  validation: {
    identifier: {
      required: 'Email atau nomor handphone wajib diisi.',
      invalid: 'Masukkan email yang benar atau nomor handphone Indonesia (08…, 628…, +628…).',
      tooLong: 'Terlalu panjang.',
    },
    password: {
      required: 'Password wajib diisi.',
      tooLong: 'Password terlalu panjang.',
      minLength: 'Password belum memenuhi semua syarat di bawah.',
      lower: 'Password belum memenuhi semua syarat di bawah.',
      upper: 'Password belum memenuhi semua syarat di bawah.',
      digit: 'Password belum memenuhi semua syarat di bawah.',
      symbol: 'Password belum memenuhi semua syarat di bawah.',
      common: 'Password ini terlalu mudah ditebak. Gunakan password lain.',
      containsPersonalData: 'Password tidak boleh memuat NIK, nama, nomor handphone atau email Anda.',
      rejected: 'Layanan menolak password ini: password tidak boleh memuat NIK, nama, nomor handphone atau email Anda, dan tidak boleh mudah ditebak. Gunakan password lain.',
    },
    confirm: {
      required: 'Konfirmasi password wajib diisi.',
      mismatch: 'Konfirmasi password tidak sama dengan password baru.',
    },
    phone: {
      required: 'Nomor handphone wajib diisi.',
      invalid: 'Masukkan nomor handphone Indonesia yang benar (08…, 628… atau +628…).',
      taken: 'Nomor handphone ini tidak dapat digunakan. Gunakan nomor lain.',
    },
    email: {
      required: 'Email wajib diisi.',
      invalid: 'Masukkan alamat email yang benar.',
      tooLong: 'Email terlalu panjang.',
      taken: 'Email ini tidak dapat digunakan. Gunakan email lain.',
    },
    nik: {
      required: 'NIK wajib diisi.',
      digits: 'NIK hanya berisi angka.',
      length: 'NIK terdiri dari 16 angka.',
      province: 'Kode provinsi pada NIK tidak dikenal.',
      date: 'Tanggal lahir pada NIK tidak valid.',
      serial: 'Nomor urut pada NIK tidak valid.',
    },
    name: {
      required: 'Wajib diisi.',
      tooLong: 'Terlalu panjang.',
      invalid: "Hanya huruf, spasi dan tanda . , ' - yang boleh dipakai.",
    },
    otp: {
      required: 'Kode OTP wajib diisi.',
      invalid: 'Kode OTP terdiri dari {otpLength} angka.',
    },
    staffId: {
      required: 'ID Petugas wajib diisi.',
      invalid: 'ID Petugas hanya berisi huruf dan angka.',
    },
    pin: {
      required: 'PIN wajib diisi.',
      invalid: 'PIN terdiri dari 4–8 angka.',
    },
    idCardChecked: {
      required: 'Petugas harus memeriksa KTP asli terlebih dahulu.',
    },
    /** Per-field wording where a shared rule's message is too general. */
    field: {
      fullName: { required: 'Nama lengkap wajib diisi.' },
      motherMaidenName: { required: 'Nama ibu kandung wajib diisi.' },
    },
  },
  /**
   * The kiosk around the wizard: officer sign-in (docs/architecture.md §5's
   * "ID Petugas", "PIN", "Masuk Petugas"), audit export, attract screen, idle
   * warnings, on-screen keyboard.
   */
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
    },
    auditExport: {
      open: 'Ekspor Log Audit',
      title: 'Ekspor Log Audit (CSV)',
      from: 'Dari tanggal ({zone})',
      to: 'Sampai tanggal ({zone})',
      submit: 'Ekspor',
      close: 'Tutup',
      done: '{records} catatan disimpan ke {path}',
    },
    operatorPin: {
      export: {
        title: 'Ekspor Log Audit',
        body: 'Masukkan PIN petugas untuk membuka ekspor log audit.',
        confirm: 'Buka Ekspor',
      },
      'sign-out': {
        title: 'Akhiri Sesi Petugas?',
        body: 'Kios akan kembali ke layar Masuk Petugas dan warga tidak dapat dilayani sampai petugas masuk lagi. Masukkan PIN petugas untuk mengakhiri sesi.',
        confirm: 'Akhiri Sesi',
      },
      cancel: 'Batal',
    },
    cancelRecovery: {
      title: 'Batalkan pemulihan?',
      body: 'Semua yang sudah Anda isi akan dihapus dan Anda kembali ke layar Masuk.',
      yes: 'Ya, batalkan',
      no: 'Tidak',
    },
    start: {
      bringTitle: 'Yang perlu Anda bawa',
      bringIdCard: 'KTP asli Anda',
      bringPhone: 'Handphone yang dapat menerima SMS saat ini',
      duration: 'Waktu yang dibutuhkan: sekitar 5 menit',
      waysTitle: 'Tiga cara memulihkan akun',
    },
    outOfService: {
      title: 'Kios sedang tidak dapat digunakan',
      body: 'Layanan pemulihan akun sedang tidak dapat dihubungi dari kios ini.',
      whatToDo: 'Silakan minta bantuan petugas di loket, atau kunjungi Pusat Bantuan: {address}',
      retrying: 'Kios memeriksa kembali secara otomatis dan siap digunakan lagi begitu layanan tersedia.',
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
      citizen: {
        title: 'Apakah Anda masih menggunakan kios ini?',
        body: 'Demi keamanan data Anda, layar akan dibersihkan dalam {n} detik.',
      },
      operator: {
        title: 'Sesi petugas akan berakhir',
        body: 'Tidak ada aktivitas. Petugas akan dikeluarkan dalam {n} detik.',
      },
      extend: 'Lanjutkan',
      wiping: 'Membersihkan layar…',
    },
    keyboard: {
      label: 'Keyboard layar',
      backspace: 'Hapus',
      enter: 'Lanjut',
      shift: 'Huruf besar',
      capsLock: 'Kunci kapital',
      space: 'Spasi',
    },
  },
  /**
   * Every form (issue #13): the error summary, the wait for an answer, the
   * window's title, and who helps next when a citizen cannot go on alone
   * (the Pusat Bantuan's line and site: infoLinks.ts).
   */
  forms: {
    errorSummary: 'Ada masalah',
    checking: 'Memeriksa data…',
    documentTitle: '{step} – {kiosk}',
    documentTitleError: 'Galat: {step} – {kiosk}',
    helpOfficer: 'Untuk bantuan, tanyakan kepada petugas di loket.',
    helpLine: 'Untuk bantuan, hubungi Pusat Bantuan Kemnaker di {phone} atau kunjungi {address}.',
  },
  errors: {
    VALIDATION_FAILED: 'Data yang dimasukkan belum benar. Periksa kembali isian Anda.',
    INVALID_CREDENTIALS: 'Email/nomor handphone atau password salah.',
    INVALID_CREDENTIALS_LEFT: 'Email/nomor handphone atau password salah. Sisa percobaan: {n}.',
    INVALID_CREDENTIALS_LAST:
      'Email/nomor handphone atau password salah. Sisa percobaan: 1. Bila salah sekali lagi, akun dikunci sementara; lupa password? Pilih "Kendala Masuk ke Akun?".',
    ACCOUNT_LOCKED: 'Akun dikunci sementara karena terlalu banyak salah password. Pulihkan akun Anda lewat "Kendala Masuk ke Akun?".',
    ACCOUNT_LOCKED_UNTIL:
      'Akun dikunci sementara karena terlalu banyak salah password. Coba lagi setelah {time}, atau pulihkan akun Anda sekarang lewat "Kendala Masuk ke Akun?".',
    OPERATOR_INVALID: 'ID Petugas atau PIN salah.',
    OPERATOR_REQUIRED: 'Petugas harus masuk terlebih dahulu.',
    OPERATOR_LOCKED: 'ID Petugas ini dikunci sementara karena terlalu banyak salah PIN.',
    OPERATOR_LOCKED_UNTIL: 'ID Petugas ini dikunci sementara karena terlalu banyak salah PIN. Coba lagi setelah {time}.',
    IDENTITY_MISMATCH: 'Data identitas tidak cocok.',
    IDENTITY_MISMATCH_LEFT: 'Data identitas tidak cocok. Sisa percobaan: {n}.',
    IDENTITY_MISMATCH_LOCKED: 'Data identitas tidak cocok. Verifikasi identitas untuk NIK ini dikunci hingga {time}.',
    IDENTITY_LOCKED: 'Verifikasi identitas untuk NIK ini dikunci.',
    IDENTITY_LOCKED_UNTIL: 'Verifikasi identitas untuk NIK ini dikunci hingga {time}.',
    KIOSK_RATE_LIMITED: 'Kios ini sedang membatasi verifikasi identitas. Coba lagi nanti.',
    KIOSK_RATE_LIMITED_WAIT: 'Kios ini sedang membatasi verifikasi identitas. Coba lagi dalam {n} menit.',
    OTP_INVALID: 'Kode OTP salah.',
    OTP_INVALID_LEFT: 'Kode OTP salah. Sisa percobaan: {n}.',
    OTP_EXPIRED: 'Kode OTP sudah kedaluwarsa. Kirim ulang kode atau mulai lagi.',
    OTP_VOIDED: 'Kode OTP tidak berlaku lagi. Silakan mulai lagi.',
    RESEND_COOLDOWN: 'Tunggu sebentar sebelum meminta kode baru.',
    RESEND_COOLDOWN_WAIT: 'Tunggu {n} detik sebelum meminta kode baru.',
    RESEND_LIMIT: 'Batas kirim ulang kode sudah tercapai. Bila kode tidak diterima, silakan mulai lagi.',
    CODE_SENDS_LIMITED: 'Terlalu banyak kode dikirim ke tujuan ini. Coba lagi nanti.',
    CODE_SENDS_LIMITED_WAIT: 'Terlalu banyak kode dikirim ke tujuan ini. Coba lagi dalam {n} menit.',
    CODE_RECOVERY_LOCKED: 'Pemulihan dengan kode OTP dikunci karena terlalu banyak kode salah. Minta bantuan petugas untuk verifikasi identitas.',
    CODE_RECOVERY_LOCKED_UNTIL: 'Pemulihan dengan kode OTP dikunci hingga {time} karena terlalu banyak kode salah. Minta bantuan petugas untuk verifikasi identitas.',
    CONTACT_IN_USE: 'Nomor handphone atau email baru sudah terdaftar pada akun lain. Pemulihan ini berakhir; silakan mulai lagi dengan data lain.',
    PASSWORD_REJECTED: 'Password ini tidak dapat digunakan: password tidak boleh memuat NIK, nama, nomor handphone atau email Anda, dan tidak boleh mudah ditebak.',
    SESSION_INVALID: 'Sesi pemulihan sudah berakhir. Silakan mulai lagi.',
    BACKEND_UNAVAILABLE: 'Layanan sedang tidak dapat dihubungi. Silakan coba lagi.',
    BACKEND_ERROR: 'Layanan sedang bermasalah. Silakan coba lagi.',
    OUT_OF_SERVICE: 'Kios sedang tidak dapat melayani. Silakan hubungi petugas.',
    FORBIDDEN: 'Permintaan ditolak.',
    INTERNAL: 'Terjadi kesalahan pada kios. Silakan coba lagi.',
    retry: 'Coba lagi',
  },
};
