/** Text of sample documents shared by the extraction tests, laid out with `layoutWords`. */

/** A CMS-1500 as OCR lines: labels above values, split-cell dates and charges on line 1. */
export const CLAIM = [
  'HEALTH INSURANCE CLAIM FORM',
  "1a. INSURED'S I.D. NUMBER",
  'XYZ123456789',
  "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)   3. PATIENT'S BIRTH DATE",
  `DOE, JOHN A${' '.repeat(19)}03 07 1985 M`,
  "5. PATIENT'S ADDRESS (No., Street)",
  '45 OAK AVE',
  "11. INSURED'S POLICY GROUP OR FECA NUMBER",
  'GRP-7781',
  '21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY',
  'A. E11.9   B. I10   C. J45.909',
  '24. A. DATE(S) OF SERVICE   B. PLACE OF SERVICE   D. PROCEDURES   E. POINTER   F. CHARGES   G. UNITS   J. NPI',
  '11 02 26 11 02 26 11 99213 25 AB 125 00 1 1234567893',
  '11/02/26 11/02/26 11 J1100 A 20.00 2 1234567893',
  '25. FEDERAL TAX I.D. NUMBER',
  '12-3456789',
  '28. TOTAL CHARGE',
  '$145.00',
  '33. BILLING PROVIDER INFO & PH #',
  'SPRINGFIELD FAMILY MEDICINE',
  '33a. NPI 1234567893',
];
