/**
 * TEST keys, published with the kit: NOT Truecaller's keys, and worthless as secrets (their private halves
 * are in this public file). The mock signs profiles with them so that fixtures, pacts and other repos'
 * tests are the same on every run and machine (an RSA PKCS#1 v1.5 signature of the same bytes with the
 * same key is always the same). Never configure a production verifier with them: a backend that trusts
 * the kit's key accepts profiles anyone can sign.
 */

/** The id of the kit's TEST key that the mock serves on `/v1/key` and signs profiles with by default. */
export const KIT_TEST_KEY_ID = 'kit-test-key';

/** The id of the kit's TEST key a key rotation starts serving (second on `/v1/key`) and signs with. */
export const KIT_ROTATION_KEY_ID = 'kit-test-key-rotated';

/**
 * The kit's default TEST key (RSA-2048, PKCS#8 PEM): the mock serves its public half on `/v1/key` and
 * signs profiles with it unless a config names other keys. Public: NOT a secret, NOT Truecaller's.
 */
export const KIT_TEST_PRIVATE_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDa4oO3G75Mpvgf',
  '5Vg6nrU36gqLzOscYA0VH5MljHHPmnt1rmTQm15yxsFLEI1MVAvINU+3sU/YN4jq',
  'onvwwghnmgzqUbhu2u1v+9rmL1vA8J5ocS5GpxexgFhIFYb1gYWJ7Z/Tal378xas',
  'S4ZrlDx96C/Q4GYFmFAZOBQgNwC9WxCeLcXKFqBWHfFKpPim+VI0gC/21jUkUjnP',
  'GFODeIrZ9jvV0jzj4GEBylqmxwuSOdM6BZOvssYOQaqVMHWNhYOvmEtXVTjX6mOi',
  'JlrEQOrQ6mqi//KSFlwDQXuSHeZOgaBwd1CkVapk9WyyMUD47YMg8SS3pT9QQIjQ',
  'ESn+ckZXAgMBAAECggEAa9gjEXrn3hh+NCjpuagsnWoA3DSQuqBQkdHGzD9Qa/sv',
  'TSIppeaHOIHZBsUW+T6Ht5McveLs9hkWqpR4AH15aqIqLuEov+W6CuzKQ5Od34gu',
  'ZEMvi7wUHm6gEJQatKemRfkAQEguGk8BIs7rYeHdlCNsO7v0SFltTZ+luuGeyaxF',
  'PMhCvfij7PYpO+0FHC4cNPL4AeWyH4LoT5bmUtSwE1hUwuDDjR4yOqf/18i799qO',
  'QGjeXYstD/QQwsEmy/U0KtF3RLnmxpuizy41s6WD0rW3D1bjqBptX76oLkIjmikX',
  'oGyKInn/4nQw/Zk9dXlGbLdnejAhRy/rYUbtUgDC8QKBgQDzwnunJ26vo6ePvP/c',
  'B3jz4feKnYWsTNEcTc6NyGlVs5h5egDYYRtCmQt0x192qd03Aw8fzaUbjpaHpxcz',
  'HjPjL+vAEav84nkdHhO02/I18k2bttffPMbnLnxsys28H+++xfSwUuHDy+/k3+7T',
  'kEJiPciA0B2rW2AFsw4Jh9LLPQKBgQDl4EQxEwzl6wFcKVYDKgc9NL8OoLvVf1nb',
  'QOLZjZ+CNhOdQt0nk3PsgKvJgelJxp2Kes2NmUK/g+SoTomSwQrPzENKCarbAmDB',
  '/5HK8uvo/MptvyghjGkNdmidt0OXgjzw5FY9cjHnay4wxZq09nMf866wGeRvyzJ4',
  'CUC5S35BIwKBgDQWNr39GxXE7qU0SagGoL3cZzzjdBDhST23EpARZxC9E7PBcjTK',
  'azzL3zrQ74E3wuFicfTlyIYe7eOGvNpbddLyBnpATHP5INAsASIAbb1BTXwckfxN',
  'zGLR+Bx3KYcte9lUC3kx/LQN+/D4ONxUUxsTAKklz3EyUU5meHVo5I4xAoGAYh72',
  'PJRLHyDOtc4XHsajzGZlXxMQ2jK/4iyyJ/ahrWzztl7CE5CHHN5XdW30bD9RI7kD',
  'YHuY2DKuOYE8i93GhahE2KeDvHQpZOV4D87dD9hHd8zujlNmzA5M3XVKbrNy28g7',
  'X4MM9iDz2HGgdbn0riDP4e9LaMStSDt62xz0SU0CgYEAzsLWjhkYvkornnz7wpJh',
  'fQd5cFwJElgz1iz7RRjYQWBEcI0bTVyNPx4L8m3tPQF59NLzm9k7icBUmm9zGSGP',
  'pNeOhNQxo5ezqqd9CJZRKqeWz9+7mtIM6eEOdPhG1QsyFGNVDBZPH1vY/6RWhKH5',
  'd6lQI46vsDT5axRJvvQc+Sg=',
  '-----END PRIVATE KEY-----',
].join('\n');

/**
 * The kit's TEST key of a key rotation (RSA-2048, PKCS#8 PEM): served after the default key once a
 * rotation starts, and the key of the profiles signed in it. Public: NOT a secret, NOT Truecaller's.
 */
export const KIT_ROTATION_PRIVATE_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDFrR9xEFiyPzgw',
  'SJ/8yUa6M6msF1QsmE8EtO0ql3ZBEOOcdj9rzLSzWJLy0iqi7auXmPSvtVNEV8YG',
  'aYBplUXYhzCujDyMMwTPnugI/h7CwGauc77ArUVa05lRetPcj8uqRlPUm0O+ks2V',
  '/4rjI42hk2IgUBT7oanA3RpTG72VnTZwLCMXVaVAIq6fo6cr/7vQ9v2FEnX8I0qv',
  'zFQFHvrLuXr6maY4zlwHKaiqlVED/R/3cZG1kXgUAdPZBzrgCI1+Zhh5tV9skZM6',
  'lRrMqY/0Tzm0f2egIBf8dQQdplOdcs9AUhGhVeQVefchstXc8o9wOrvJMEs0EKVv',
  'UjaAcPR1AgMBAAECggEAIs+0VgesKwW9mikr/YsfmLpw4qTAFtNitQA8tO+z7Ezy',
  'XHMpg40q9FuAk2EGD6e9vGZ8DrZmucYgUjBBpDZctL9ICDEbl5ADhKGmGLFRzvet',
  'jYLGIK3S5SYW3bW8+h5bnjqg2DPYmAbHzCbSuWHhNwdatDiOHWswlw2I7YJY3nAf',
  '9ghQ8tpJBC1WJnep6U7Ltl6cfu9iDMHX+etsIHicgGbB7yaINHduHr+V0bnla8kn',
  'qVOG8N2unnk4/lmSrpXCOnIcCSrT2J1PfPHXJiGwr/jjr5ScsA+nF1J01a6l4r2U',
  'TmlR8wIF5aefDaDei8MxVyp+VvYleJezk6lACKJqcQKBgQDzFegD42xFo0Aj05TX',
  'Kzc7k0DsbRUXQKX7VbPEYlrL3TS0oMfWjwnsYZ6EfgXjQibxl0VBSReMMoN0SWVx',
  'h7VT4vwiXGip5XUduT/ldowS61pun2Kp16rkVvlTxCZsBIVPHAakKu9o6w/wnQj1',
  'aFhbLULG8OzdbYdBhfZbOlT9BQKBgQDQLaAoeIej1+bMnQbKhmBqKsAGC+A5YanB',
  'kZiHkG2fExcCOzihWqpxeP+4HdDmLlW2uBLMuurvfMWXt4u3JEoAcmYTE7yrP37P',
  'AyABILTHsCg+r8Jf0bYBsGrgpApQhHXxOOdgWJhE6AC/lRiaHC6wZwRSh01Lohmd',
  'a22kQXU0sQKBgFnFrlC5TYQOPSK+AcrQ5+31fNWTl2Vl96ZxSRlupU+CmvNWKVcg',
  'ri6BArS1geEizhUMo4PvxWV+RjPM40zhLGMVgb4C2Jhd6DmY73MDq8lU56nQ7PQC',
  'dNctE5kO6I2dwcmsdPtt68qYfOOEawmOhortlSq5URCZYYkeOxQH39ktAoGADhtZ',
  'ZASu5FpoCGuHn0e11tvowUAixKCqmTRdiqot036+q2cJ8l0reZ8CbR6QHlj7c/NL',
  'StZLv0jMNvi4HgP2g8s8wYQv38bgt/R1Qb5Ooc19HKpaWJXkaH7k7y4OiOBBAcSi',
  'YTP/tYOnMVRQI3lPbKK+dz017q8gXzt9ZYkOATECgYANj5oJIDUDyKrxJrmCBfvx',
  'TZYUw5LozsVbnKQuyKDcwaFlP0OhRRoFPqEdSPvBEK6n6cHoFQ7KPhfV9UA9hij9',
  'QpEhgndDd/SzBHWCkLjNIqQoM/xoXcAImPvoeeM05CUco1cmCC7m7uFWr0H3aHrS',
  'BbCXo6uAWb82oFFutEXdnA==',
  '-----END PRIVATE KEY-----',
].join('\n');

/**
 * The kit's TEST key that is never served (RSA-2048, PKCS#8 PEM): a profile signed with it is what a
 * forger's looks like, a valid signature by a key `/v1/key` does not list. Public: NOT a secret.
 */
export const KIT_UNSERVED_PRIVATE_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDyKFeaaWCKSwEE',
  'cEW4n1Aef+kOsXKMp5UaSVbBWUI6bNKFNLg2DksBUW5sMsrnTp12d1xYQPUtpYcG',
  'wUFcw5sIQN3cs5nvwq6uMBUCXfEnTSBGXRaiFRZMZhzAx3Q9XK73SoBqjiK3WzRc',
  'e4uzWMRkNaRp2axy9b8LDuoEGn3fFjMkRvRdOlwS59tof66Sd4q06dC01DhAx2Ui',
  'mbj52j/UHdjT1S3WBf0/+E9uU8ENh9NM7VsMz/Tjf3/9lpzOxh7iavTXhGS8rweP',
  'cMRoZBp09UhOIdZ2yuq5IXoE6tgJ6iELK1nQD5TWD528CGPk/6wKDB60njXvm9CU',
  'NyCikkSRAgMBAAECggEAB+/SjzkM9PtoWSDk6BwwoA9JMDYYrwt/E5F7ynKGfSu7',
  '6qnDr+HgC3cDy4AOrm4hMxTObgYTAx/9wPbskYHHvwmBPA6W6QjUeNkSlzVFBii8',
  '+hFrAHz4ciCWqKrg4HH9OhWzB8sI0EGpAa768THjnfU0IlQEFvB/BnnCqcfEgF9F',
  'kzf4Kfloiht/vfPJHByGP/9e+pf0U+8/RSnEeiIxBqj5hsjfS08qdVi1Mxn6XDAg',
  '0Ulhy3NFzf50VbymTzzvzeLkodQPBT5X0vw3J7+dllO94kmboWe+sGh+gyfE8fmO',
  'Et9Vz0NVs/j/+WUgnXULqo4oJh/9qr2MU9XoNqEdwQKBgQD8XiRhni2n3JPZz9Sh',
  '4c+voVKzfavR2RdayhaILMJomyfugz2T2edYWk7wBZqgCSMRTXWgVmFK7LGypjoh',
  'rEn/3F0LqxDS0OHmqsKEu/P1c1Vmu/JjY/M7r6z42k0uFT9MtpdTh2EB1Zatni0n',
  'FFnL2/0w5LLb3xMNCiOIdnIg1QKBgQD1pJSVX/6UVFtp01yAi8DXM1Zm35FoUz0+',
  'vIAiguISPA8oy0z8KwWk1gd11nekz6hVIvWxjkKn5/6ggawWj0R1c2EJgTnJENK4',
  'zzkyVGQROqxAMmy31tmUUn2w4WfIQhM50kPal651hxAQuZ0GKR7UTzYstLrAPAJw',
  'bLrrDuMSzQKBgQDQdB6O9230ypDhh/a1pGS9SH6cPgDPfAb7ehN0daw7ZXVtYMBb',
  'QNEDvMyZG7fl2sY5g4bWYqNIlQwOaZl4uOwCyI2elrV1vQ3rTz8PDoTrSFHRYwtK',
  'p4OA2JICl6bKmshHYEbMuvUY48jrLc1UC05Ewjh3y2AllzQQQECrdlK85QKBgQCQ',
  'k960EHz5drEbF0Dxk8/bmaa4A8xEmAGLJE1SgrBmxRyzCP11yiiXPTXE4Ico5OQR',
  'v/LWH4IR61UNyWStHoPPkSpC+uE0+4bbKXRjsBH5pgvt+P/OMFF9oBPEgNahompI',
  'dP5k8TPIjscg4O6PyrIPidO7+l+Ud32ECCr34Jo73QKBgHp6meCz8oVG86UAmecW',
  '1TQRR5w/M8jIJ78BpSi+4klXboNRxC/oMes1x1Oc2Au3Z1RanfEiZyzShTxa7LdF',
  'n8wRfISchAgtUfMNwh6q9OhtECeeSdjfW2Qw4gMPoVtEsAkdHyvE5AEkXjGYoua1',
  'WKutHp9H6GyNH8WpANAf3IMs',
  '-----END PRIVATE KEY-----',
].join('\n');
