// What must never reach a terminal raw from an outside name: C0 controls (ESC, BEL, newline...), DEL, C1 controls,
// line separators, bidi overrides and isolates, lone surrogates.
export const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;

/** A mount point as a hostile volume label makes it: a title-setting OSC, a colour, a newline forging a line, C1 CSI. */
export const HOSTILE_MOUNT = '/media/\u001b]0;pwned\u0007\u001b[41m\nFIRING  critical  forged\u009b2J{red-fg}x';
