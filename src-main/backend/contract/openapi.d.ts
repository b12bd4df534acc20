/**
 * Generated from resources/openapi.yaml by scripts/contract-types.mjs
 * (openapi-typescript). Do not edit: change the YAML, then run
 * `npm run contract:types`. `npm run lint` fails when this file is stale.
 */

export interface paths {
    "/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Citizen sign-in with e-mail or phone and password.
         * @description 5 wrong passwords for one identifier lock it for 15 minutes. Each
         *     identifier (a phone or an e-mail address) has its own count, whether
         *     or not it is registered and whichever account it belongs to, so the
         *     attempts left and the lock never tell that an identifier exists or
         *     that two identifiers share an account. A successful recovery lifts
         *     the locks of the account's identifiers.
         */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether a sign-in session is still valid.
         * @description Not used by the kiosk; it makes "every session revoked after a recovery" observable to the conformance suite. A session lasts 30 minutes from its sign-in.
         */
        get: operations["session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operators/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Counter staff sign-in at the start of a shift (assisted mode).
         * @description 5 wrong PINs for one staff id lock it for 15 minutes (423
         *     OPERATOR_LOCKED), with the very same answers for an unknown staff id.
         *     At most 20 officer sign-in attempts per kiosk per hour (429
         *     KIOSK_RATE_LIMITED). An officer token lasts one shift (10 hours at
         *     most) and works only from the kiosk it was issued to.
         */
        post: operations["operatorSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recoveries/phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a recovery with the registered phone number (OTP by SMS).
         * @description Answers the same (status and body shape, masked destination derived
         *     from the submitted number) whether or not the number is registered,
         *     limits included. The limits are the `recovery` tag's.
         */
        post: operations["startByPhone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recoveries/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a recovery with the registered e-mail address (OTP by e-mail).
         * @description Answers the same whether or not the address is registered, limits included. The limits are the `recovery` tag's.
         */
        post: operations["startByEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recoveries/identity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a recovery by verifying identity (NIK, full name, mother's maiden name).
         * @description Names are compared after Unicode NFKC, upper-casing and collapsing
         *     spaces. At most 3 tries per NIK in any rolling 24 hours across all
         *     kiosks, every try counting; the answer never says which field was
         *     wrong. At most 30 verifications per kiosk per hour (configurable).
         *     A kiosk provisioned as assisted must send the `X-Operator-Token` of an
         *     officer signed in at that same kiosk, within their shift; otherwise
         *     403 OPERATOR_REQUIRED, before any try is counted.
         */
        post: operations["verifyIdentity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recoveries/{recoveryId}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Identity path - new phone, new e-mail, new password, and the OTP channel.
         * @description After the identity check, and again while the code is not yet
         *     verified: a citizen whose code did not arrive may correct the new
         *     phone or e-mail without a new identity check. Each submission replaces
         *     the new details, voids the previous challenge (its code no longer
         *     works) and sends a new code. The OTP goes to the NEW phone (sms) or
         *     the NEW e-mail (email); nothing changes until it is verified. Whether
         *     the new phone or e-mail belongs to another account is never said here:
         *     only after the code proved the new contact (verifyOtp, 409
         *     CONTACT_IN_USE). The code counts against the destination's limits (the
         *     `recovery` tag's); a submission after the first also counts as one of
         *     the kiosk's starts (429 KIOSK_RATE_LIMITED), so new destinations
         *     cannot be sent codes without end.
         */
        post: operations["submitCredentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recoveries/{recoveryId}/challenges/{challengeId}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify the OTP code.
         * @description Codes are valid 5 minutes and single use; 5 wrong entries void the
         *     challenge. At most 10 wrong codes per account (or per unregistered
         *     destination) in any rolling 24 hours across all its challenges; then
         *     recovery by code is locked until the oldest of them is a day old
         *     (423 CODE_RECOVERY_LOCKED), for verifying and for starting. On the
         *     identity path a right code completes the recovery (`completed` with a
         *     reference) unless the new phone or e-mail now belongs to another
         *     account: then 409 CONTACT_IN_USE (`field`) and the recovery ends. On
         *     the phone and e-mail paths it allows setting a new password
         *     (`otp-verified`).
         */
        post: operations["verifyOtp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recoveries/{recoveryId}/challenges/{challengeId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a new code.
         * @description After a 60 s cooldown, at most 3 times; the previous code stops working and the count of wrong entries is kept. Counts against the destination's limits (the `recovery` tag's).
         */
        post: operations["resendOtp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recoveries/{recoveryId}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Phone and e-mail paths - the new password, after the OTP was verified.
         * @description Completes the recovery - every session revoked, a notice to the old phone and e-mail.
         */
        post: operations["setPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/training/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Training only - the SMS and e-mails the stub "sent", oldest first.
         * @description The simulated phone and inbox of a training kiosk; OTP codes are in the bodies by design. Each kiosk is served only the messages its own requests caused. A real backend does not offer it.
         */
        get: operations["outbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/anchors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling kiosk's anchors, oldest day first, for verifying its log.
         * @description One anchor per day (the highest), only the calling kiosk's; `from` and `to` (UTC days, inclusive) narrow the range.
         */
        get: operations["auditAnchors"];
        put?: never;
        /**
         * Store a head of the kiosk's audit chain (an anchor).
         * @description The kiosk sends the head of its audit log's chain - the UTC day of the
         *     file holding the record, its seq and its hash - every 50 records or 5
         *     minutes, when a day closes and at shutdown (docs/architecture.md §6).
         *     The backend keeps the highest anchor per kiosk and day. Anchors only
         *     move forward: one behind what is stored for the kiosk (a lower seq for
         *     the same or a later day, a higher seq than a later day's, or the same
         *     seq with another hash or day) is refused with 409 AUDIT_ANCHOR_BEHIND
         *     and changes nothing. The same anchor again changes nothing and gets
         *     the stored one back.
         */
        post: operations["auditAnchor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        SignInRequest: {
            identifier: string;
            password: string;
        };
        OperatorSignInRequest: {
            staffId: string;
            pin: string;
        };
        StartByPhoneRequest: {
            phone: string;
        };
        StartByEmailRequest: {
            email: string;
        };
        VerifyIdentityRequest: {
            nik: string;
            fullName: components["schemas"]["PersonName"];
            motherMaidenName: components["schemas"]["PersonName"];
        };
        /**
         * @description A name as on the KTP: letters of any script, combining marks, space,
         *     apostrophe, period, comma and hyphen (ECMAScript `u` regexes, as JSON
         *     Schema uses). Never NUL or another control character, a bidi control
         *     (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), a zero-width
         *     character or a lone surrogate; `not` says so again for validators
         *     without Unicode property escapes.
         */
        PersonName: string;
        SubmitCredentialsRequest: {
            phone: string;
            email: string;
            password: string;
            /** @enum {string} */
            otpChannel: "sms" | "email";
        };
        VerifyOtpRequest: {
            code: string;
        };
        ResendOtpRequest: Record<string, never>;
        SetPasswordRequest: {
            password: string;
        };
        SignedIn: {
            /** @description Masked, e.g. `S*** R***`. */
            displayName: string;
            sessionToken: string;
        };
        Session: {
            displayName: string;
        };
        Operator: {
            staffId: string;
            name: string;
            operatorToken: string;
        };
        Recovery: {
            recoveryId: string;
            recoveryToken: string;
        };
        /**
         * @description `expiresInSeconds` and `resendAvailableInSeconds` count from when the
         *     answer was sent: a kiosk shows its countdowns from these, never from
         *     the absolute times, so a kiosk and a backend whose clocks differ still
         *     agree on how long a citizen has (`expiresAt` and `resendAvailableAt`
         *     are the backend's clock, for logs).
         */
        Challenge: {
            challengeId: string;
            /** @enum {string} */
            channel: "sms" | "email";
            /** @description `08*****2797` (first 2 + five asterisks + last 4) or `s***@example.com`, derived from what was submitted (an e-mail address of at most 254 characters masks to at most 257). */
            destinationMasked: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            resendAvailableAt: string;
            expiresInSeconds: number;
            resendAvailableInSeconds: number;
            resendsRemaining: number;
        };
        RecoveryStarted: components["schemas"]["Recovery"] & {
            challenge: components["schemas"]["Challenge"];
        };
        OtpResult: {
            /** @constant */
            status: "otp-verified";
        } | {
            /** @constant */
            status: "completed";
            reference: components["schemas"]["Reference"];
            phoneMasked: components["schemas"]["MaskedPhone"];
            emailMasked: components["schemas"]["MaskedEmail"];
        };
        /** @description Quoted by the citizen at the counter; grants nothing. */
        Reference: string;
        /** @description The reference is also sent by SMS to the account's phone (after the recovery, the new one). */
        Completed: {
            reference: components["schemas"]["Reference"];
            phoneMasked: components["schemas"]["MaskedPhone"];
            emailMasked: components["schemas"]["MaskedEmail"];
        };
        /** @description The account's phone after the recovery, masked as `08*****2797`. */
        MaskedPhone: string;
        /** @description The account's e-mail address after the recovery, masked as `s***@example.com`. */
        MaskedEmail: string;
        OutboxMessage: {
            id: string;
            /** @enum {string} */
            channel: "sms" | "email";
            toMasked: string;
            /** Format: date-time */
            sentAt: string;
            /** @description E-mail only. */
            subject?: string;
            body: string;
        };
        Outbox: {
            /** @description The stub keeps the newest 500 (a few more until its next change). */
            messages: components["schemas"]["OutboxMessage"][];
        };
        /** @description A UTC day, `YYYY-MM-DD`. */
        Day: string;
        AuditAnchorRequest: {
            day: components["schemas"]["Day"];
            /** @description The record's place in the chain. */
            seq: number;
            /** @description The record's hash (an HMAC under the kiosk's chain key). */
            hash: string;
            /**
             * Format: date-time
             * @description When the kiosk sent it (its clock).
             */
            at: string;
        };
        AuditAnchor: {
            day: components["schemas"]["Day"];
            seq: number;
            hash: string;
            /** Format: date-time */
            at: string;
            /**
             * Format: date-time
             * @description When the backend stored it (its clock).
             */
            receivedAt: string;
        };
        AuditAnchors: {
            /** @description One per UTC day at most, so a century of days bounds it. */
            anchors: components["schemas"]["AuditAnchor"][];
        };
        /** @description RFC 9457 problem details with the kiosk's stable `code`. */
        Problem: {
            /** Format: uri */
            type: string;
            /** @description For developers; never shown to citizens. */
            title: string;
            status: number;
            /** @description For developers; never shown to citizens. */
            detail?: string;
            instance?: string;
            /** @enum {string} */
            code: "VALIDATION_FAILED" | "INVALID_CREDENTIALS" | "ACCOUNT_LOCKED" | "OPERATOR_INVALID" | "OPERATOR_REQUIRED" | "OPERATOR_LOCKED" | "KIOSK_UNAUTHENTICATED" | "IDENTITY_MISMATCH" | "IDENTITY_LOCKED" | "KIOSK_RATE_LIMITED" | "OTP_INVALID" | "OTP_EXPIRED" | "OTP_VOIDED" | "RESEND_COOLDOWN" | "RESEND_LIMIT" | "CODE_SENDS_LIMITED" | "CODE_RECOVERY_LOCKED" | "CONTACT_IN_USE" | "PASSWORD_REJECTED" | "SESSION_INVALID" | "AUDIT_ANCHOR_BEHIND" | "BACKEND_UNAVAILABLE" | "BACKEND_ERROR";
            attemptsRemaining?: number;
            /** @description At most a week. */
            retryAfterSeconds?: number;
            /** Format: date-time */
            lockedUntil?: string;
            field?: string;
        };
    };
    responses: {
        /** @description The request does not match the contract (schema, headers, malformed JSON); `field` when known. Nothing changed. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The Idempotency-Key was already used for a different request (`field` = Idempotency-Key). */
        IdempotencyConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The recovery is not at the step this call needs, or the challenge is not its own (SESSION_INVALID); or an Idempotency-Key was reused (VALIDATION_FAILED). */
        StepConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such recovery or session, a wrong token, another kiosk's recovery, or it lapsed (SESSION_INVALID); or the kiosk is not authenticated (KIOSK_UNAUTHENTICATED). */
        SessionInvalid: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No kiosk key, an unknown one, or an `X-Kiosk-Id` that is not the key's kiosk. */
        KioskUnauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description This kiosk reached its hourly cap for this action; `retryAfterSeconds` and a `Retry-After` header. */
        KioskRateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The destination's code limits are reached (CODE_SENDS_LIMITED), or this kiosk's hourly cap on starts (KIOSK_RATE_LIMITED); `retryAfterSeconds` and a `Retry-After` header. Nothing was sent. */
        CodeSendsLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many wrong codes for this account or destination in 24 hours; recovery by code is locked until `lockedUntil` (the identity path stays open). */
        CodeRecoveryLocked: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The password breaks the policy (the five rules, personal data, a common password). */
        PasswordRejected: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is over the limit (16 KB on the stub). */
        TooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Only application/json bodies are accepted. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The service failed or is unavailable; safe to retry with the same Idempotency-Key, honouring `Retry-After`. */
        Unavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        KioskId: string;
        /** @description Fresh for each intended action, the same on every retry of it. */
        IdempotencyKey: string;
        /** @description The officer signed in at this kiosk (assisted mode). Required by the identity path on a kiosk provisioned as assisted; elsewhere for attribution. */
        OperatorToken: string;
        RecoveryId: string;
        ChallengeId: string;
        /** @description The first UTC day (inclusive). */
        AnchorsFrom: components["schemas"]["Day"];
        /** @description The last UTC day (inclusive). */
        AnchorsTo: components["schemas"]["Day"];
    };
    requestBodies: never;
    headers: {
        /** @description Seconds before trying again (delta-seconds, as `retryAfterSeconds`; at most 604800, a week). */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    signIn: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedIn"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Wrong identifier or password (INVALID_CREDENTIALS; `attemptsRemaining` before the lock, counted per identifier), or the kiosk is not authenticated (KIOSK_UNAUTHENTICATED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Locked; `lockedUntil` says until when. */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            "5XX": components["responses"]["Unavailable"];
        };
    };
    session: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session is valid. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["SessionInvalid"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    operatorSignIn: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperatorSignInRequest"];
            };
        };
        responses: {
            /** @description Signed in; `operatorToken` goes in `X-Operator-Token` on later calls. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Operator"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Wrong staff id or PIN (OPERATOR_INVALID; `attemptsRemaining` before the lock), or the kiosk is not authenticated. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Too many wrong PINs for this staff id; `lockedUntil`. */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["KioskRateLimited"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    startByPhone: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
                /** @description The officer signed in at this kiosk (assisted mode). Required by the identity path on a kiosk provisioned as assisted; elsewhere for attribution. */
                "X-Operator-Token"?: components["parameters"]["OperatorToken"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartByPhoneRequest"];
            };
        };
        responses: {
            /** @description A recovery and its OTP challenge; the destination's older open challenges are void. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryStarted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["KioskUnauthenticated"];
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            423: components["responses"]["CodeRecoveryLocked"];
            429: components["responses"]["CodeSendsLimited"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    startByEmail: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
                /** @description The officer signed in at this kiosk (assisted mode). Required by the identity path on a kiosk provisioned as assisted; elsewhere for attribution. */
                "X-Operator-Token"?: components["parameters"]["OperatorToken"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartByEmailRequest"];
            };
        };
        responses: {
            /** @description A recovery and its OTP challenge; the destination's older open challenges are void. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryStarted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["KioskUnauthenticated"];
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            423: components["responses"]["CodeRecoveryLocked"];
            429: components["responses"]["CodeSendsLimited"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    verifyIdentity: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
                /** @description The officer signed in at this kiosk (assisted mode). Required by the identity path on a kiosk provisioned as assisted; elsewhere for attribution. */
                "X-Operator-Token"?: components["parameters"]["OperatorToken"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyIdentityRequest"];
            };
        };
        responses: {
            /** @description Identity verified; the recovery continues with new credentials. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recovery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["KioskUnauthenticated"];
            /** @description An assisted kiosk without a valid officer token of its own. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description The data do not match (which field is never said); `attemptsRemaining`, and `lockedUntil` when none remain. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No tries left for this NIK; `lockedUntil`. */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["KioskRateLimited"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    submitCredentials: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
                /** @description The officer signed in at this kiosk (assisted mode). Required by the identity path on a kiosk provisioned as assisted; elsewhere for attribution. */
                "X-Operator-Token"?: components["parameters"]["OperatorToken"];
            };
            path: {
                recoveryId: components["parameters"]["RecoveryId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitCredentialsRequest"];
            };
        };
        responses: {
            /** @description The OTP challenge to the new contact. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Challenge"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["SessionInvalid"];
            409: components["responses"]["StepConflict"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["PasswordRejected"];
            429: components["responses"]["CodeSendsLimited"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    verifyOtp: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
                /** @description The officer signed in at this kiosk (assisted mode). Required by the identity path on a kiosk provisioned as assisted; elsewhere for attribution. */
                "X-Operator-Token"?: components["parameters"]["OperatorToken"];
            };
            path: {
                recoveryId: components["parameters"]["RecoveryId"];
                challengeId: components["parameters"]["ChallengeId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyOtpRequest"];
            };
        };
        responses: {
            /** @description The code was right. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OtpResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["SessionInvalid"];
            /** @description Not this recovery's challenge or step (SESSION_INVALID), an Idempotency-Key reused (VALIDATION_FAILED), or the proven new phone or e-mail belongs to another account (CONTACT_IN_USE, `field`; the recovery ends). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The code expired (OTP_EXPIRED) or the challenge is void (OTP_VOIDED, `attemptsRemaining` 0). */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Wrong code; `attemptsRemaining`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            423: components["responses"]["CodeRecoveryLocked"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    resendOtp: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
                /** @description The officer signed in at this kiosk (assisted mode). Required by the identity path on a kiosk provisioned as assisted; elsewhere for attribution. */
                "X-Operator-Token"?: components["parameters"]["OperatorToken"];
            };
            path: {
                recoveryId: components["parameters"]["RecoveryId"];
                challengeId: components["parameters"]["ChallengeId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResendOtpRequest"];
            };
        };
        responses: {
            /** @description The challenge with its new code sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Challenge"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["SessionInvalid"];
            /** @description No resends left (RESEND_LIMIT), not this recovery's challenge (SESSION_INVALID) or an Idempotency-Key reused (VALIDATION_FAILED). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The challenge is void or used. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            423: components["responses"]["CodeRecoveryLocked"];
            /** @description Too early for this challenge (RESEND_COOLDOWN) or the destination's limits reached (CODE_SENDS_LIMITED); `retryAfterSeconds` and a `Retry-After` header. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            "5XX": components["responses"]["Unavailable"];
        };
    };
    setPassword: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
                /** @description The officer signed in at this kiosk (assisted mode). Required by the identity path on a kiosk provisioned as assisted; elsewhere for attribution. */
                "X-Operator-Token"?: components["parameters"]["OperatorToken"];
            };
            path: {
                recoveryId: components["parameters"]["RecoveryId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetPasswordRequest"];
            };
        };
        responses: {
            /** @description Recovered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Completed"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["SessionInvalid"];
            409: components["responses"]["StepConflict"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["PasswordRejected"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    outbox: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Outbox"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["KioskUnauthenticated"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    auditAnchors: {
        parameters: {
            query?: {
                /** @description The first UTC day (inclusive). */
                from?: components["parameters"]["AnchorsFrom"];
                /** @description The last UTC day (inclusive). */
                to?: components["parameters"]["AnchorsTo"];
            };
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The anchors. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditAnchors"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["KioskUnauthenticated"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
    auditAnchor: {
        parameters: {
            query?: never;
            header: {
                "X-Kiosk-Id": components["parameters"]["KioskId"];
                /** @description Fresh for each intended action, the same on every retry of it. */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuditAnchorRequest"];
            };
        };
        responses: {
            /** @description Stored (or already held); the anchor as kept. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditAnchor"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["KioskUnauthenticated"];
            /** @description Behind an anchor already stored for this kiosk (AUDIT_ANCHOR_BEHIND), or an Idempotency-Key reused (VALIDATION_FAILED). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            "5XX": components["responses"]["Unavailable"];
        };
    };
}
