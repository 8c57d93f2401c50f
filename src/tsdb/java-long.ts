// Java's Long bounds as the nearest doubles: OpenTSDB uses them as the default counter maximum and as the
// values substituted by the mimmin / mimmax interpolation in integer mode.
export const LONG_MAX = 2 ** 63;
export const LONG_MIN = -(2 ** 63);
