import { columnX, lineTop } from './print-grid';
import type { PrintedText } from './template';

/**
 * The CMS-1500 (02/12)'s own printing, in the form's wording, placed by the box it labels: a
 * label starts just inside the box's left rule (half a column left of the box's first print
 * column) on the box's first line, in 7-point capitals. These words are never a value, and the
 * first word of each is an anchor that fixes the page's geometry.
 *
 * Words printed on a data line (a checkbox's "YES", box 24I's "NPI") are listed as well, not as
 * anchors: they sit where values do and must be told apart from them.
 */
const LABEL_HEIGHT = 26;
/** Average advance of the form's 7-point label capitals at 300 dpi. */
const LABEL_CHAR_WIDTH = 14;

function printed(line: number, column: number, text: string, anchor = true, dataLine = false): PrintedText {
  return {
    text,
    box: {
      x: columnX(column) - 9,
      // A label rides at the top of its box's first line; a word on a data line sits on its middle.
      y: lineTop(line) + (dataLine ? 12 : 4),
      width: text.length * LABEL_CHAR_WIDTH,
      height: LABEL_HEIGHT,
    },
    anchor,
    inline: dataLine,
  };
}

/** Captions beside checkboxes and other print on data lines. */
function onDataLine(line: number, column: number, text: string): PrintedText {
  return printed(line, column, text, false, true);
}

function yesNo(line: number, yesColumn: number, noColumn: number): PrintedText[] {
  return [onDataLine(line, yesColumn + 1, 'YES'), onDataLine(line, noColumn + 1, 'NO')];
}

const TOP: PrintedText[] = [
  { text: 'HEALTH INSURANCE CLAIM FORM', box: { x: columnX(1), y: lineTop(4) + 10, width: 900, height: 55 }, anchor: true, inline: false },
  printed(6, 1, 'APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12'),
  printed(6, 76, 'PICA', false),
  printed(7, 1, '1. MEDICARE'),
  printed(7, 8, 'MEDICAID'),
  printed(7, 15, 'TRICARE'),
  printed(7, 24, 'CHAMPVA'),
  printed(7, 31, 'GROUP HEALTH PLAN'),
  printed(7, 39, 'FECA BLK LUNG'),
  printed(7, 45, 'OTHER'),
  printed(7, 50, "1a. INSURED'S I.D. NUMBER (For Program in Item 1)"),
  onDataLine(8, 2, '(Medicare#)'),
  onDataLine(8, 9, '(Medicaid#)'),
  onDataLine(8, 16, '(ID#/DoD#)'),
  onDataLine(8, 25, '(Member ID#)'),
  onDataLine(8, 32, '(ID#)'),
  onDataLine(8, 40, '(ID#)'),
  onDataLine(8, 46, '(ID#)'),
];

const PATIENT_AND_INSURED: PrintedText[] = [
  printed(9, 1, "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)"),
  printed(9, 30, "3. PATIENT'S BIRTH DATE"),
  printed(9, 43, 'SEX', false),
  printed(9, 50, "4. INSURED'S NAME (Last Name, First Name, Middle Initial)"),
  onDataLine(10, 41, 'M'),
  onDataLine(10, 46, 'F'),
  printed(11, 1, "5. PATIENT'S ADDRESS (No., Street)"),
  printed(11, 30, '6. PATIENT RELATIONSHIP TO INSURED'),
  printed(11, 50, "7. INSURED'S ADDRESS (No., Street)"),
  onDataLine(12, 31, 'Self'),
  onDataLine(12, 35, 'Spouse'),
  onDataLine(12, 40, 'Child'),
  onDataLine(12, 44, 'Other'),
  printed(13, 1, 'CITY', false),
  printed(13, 26, 'STATE', false),
  printed(13, 30, '8. RESERVED FOR NUCC USE'),
  printed(13, 50, 'CITY', false),
  printed(13, 74, 'STATE', false),
  printed(15, 1, 'ZIP CODE', false),
  printed(15, 14, 'TELEPHONE (Include Area Code)', false),
  printed(15, 50, 'ZIP CODE', false),
  printed(15, 64, 'TELEPHONE (Include Area Code)', false),
  printed(17, 1, "9. OTHER INSURED'S NAME (Last name, First Name, Middle Initial)"),
  printed(17, 30, "10. IS PATIENT'S CONDITION RELATED TO:"),
  printed(17, 50, "11. INSURED'S POLICY GROUP OR FECA NUMBER"),
  printed(19, 1, "a. OTHER INSURED'S POLICY OR GROUP NUMBER", false),
  printed(19, 30, 'a. EMPLOYMENT? (Current or Previous)', false),
  printed(19, 50, "a. INSURED'S DATE OF BIRTH", false),
  printed(19, 67, 'SEX', false),
  ...yesNo(20, 35, 41),
  onDataLine(20, 66, 'M'),
  onDataLine(20, 73, 'F'),
  printed(21, 1, 'b. RESERVED FOR NUCC USE', false),
  printed(21, 30, 'b. AUTO ACCIDENT?', false),
  printed(21, 44, 'PLACE (State)', false),
  printed(21, 50, 'b. OTHER CLAIM ID (Designated by NUCC)', false),
  ...yesNo(22, 35, 41),
  printed(23, 1, 'c. RESERVED FOR NUCC USE', false),
  printed(23, 30, 'c. OTHER ACCIDENT?', false),
  printed(23, 50, 'c. INSURANCE PLAN NAME OR PROGRAM NAME', false),
  ...yesNo(24, 35, 41),
  printed(25, 1, 'd. INSURANCE PLAN NAME OR PROGRAM NAME', false),
  printed(25, 30, '10d. CLAIM CODES (Designated by NUCC)'),
  printed(25, 50, 'd. IS THERE ANOTHER HEALTH BENEFIT PLAN?', false),
  ...yesNo(26, 52, 57),
  onDataLine(26, 61, 'If yes, complete items 9, 9a, and 9d.'),
  printed(27, 1, 'READ BACK OF FORM BEFORE COMPLETING & SIGNING THIS FORM.'),
  printed(28, 1, "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE I authorize the release of any medical or other information necessary"),
  printed(28, 50, "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE I authorize"),
  onDataLine(29, 1, 'SIGNED'),
  onDataLine(29, 33, 'DATE'),
  onDataLine(29, 50, 'SIGNED'),
];

const PHYSICIAN_OR_SUPPLIER: PrintedText[] = [
  printed(31, 1, '14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)'),
  printed(31, 30, '15. OTHER DATE'),
  printed(31, 50, '16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION'),
  onDataLine(32, 12, 'QUAL.'),
  onDataLine(32, 27, 'QUAL.'),
  onDataLine(32, 50, 'FROM'),
  onDataLine(32, 64, 'TO'),
  printed(33, 1, '17. NAME OF REFERRING PROVIDER OR OTHER SOURCE'),
  printed(33, 28, '17a.', false),
  printed(33, 50, '18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES'),
  onDataLine(34, 28, '17b. NPI'),
  onDataLine(34, 50, 'FROM'),
  onDataLine(34, 64, 'TO'),
  printed(35, 1, '19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)'),
  printed(35, 50, '20. OUTSIDE LAB?'),
  printed(35, 62, '$ CHARGES', false),
  ...yesNo(36, 52, 57),
  printed(37, 1, '21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY Relate A-L to service line below (24E)'),
  printed(37, 39, 'ICD Ind.', false),
  printed(37, 50, '22. RESUBMISSION CODE'),
  printed(37, 62, 'ORIGINAL REF. NO.', false),
  ...'ABCDEFGHIJKL'.split('').map((letter, slot) => onDataLine(38 + Math.floor(slot / 4), 1 + 13 * (slot % 4), `${letter}.`)),
  printed(39, 50, '23. PRIOR AUTHORIZATION NUMBER'),
  printed(41, 1, '24. A. DATE(S) OF SERVICE'),
  printed(41, 19, 'B.', false),
  printed(41, 22, 'C.', false),
  printed(41, 25, 'D. PROCEDURES, SERVICES, OR SUPPLIES'),
  printed(41, 45, 'E.', false),
  printed(41, 50, 'F.', false),
  printed(41, 59, 'G.', false),
  printed(41, 63, 'H.', false),
  printed(41, 65, 'I.', false),
  printed(41, 68, 'J.', false),
  onDataLine(42, 1, 'From MM DD YY'),
  onDataLine(42, 10, 'To MM DD YY'),
  onDataLine(42, 19, 'PLACE OF SERVICE'),
  onDataLine(42, 22, 'EMG'),
  onDataLine(42, 25, 'CPT/HCPCS'),
  onDataLine(42, 32, 'MODIFIER'),
  onDataLine(42, 45, 'DIAGNOSIS POINTER'),
  onDataLine(42, 50, '$ CHARGES'),
  onDataLine(42, 59, 'DAYS OR UNITS'),
  onDataLine(42, 63, 'EPSDT Family Plan'),
  onDataLine(42, 65, 'ID. QUAL.'),
  onDataLine(42, 68, 'RENDERING PROVIDER ID. #'),
  ...[1, 2, 3, 4, 5, 6].map((row) => onDataLine(42 + 2 * row, 65, 'NPI')),
  ...[1, 2, 3, 4, 5, 6].map(serviceLineNumber),
];

/**
 * The service lines' numbers, printed large in the left margin across each line's shaded half
 * and its main half: where a misfed line's first value starts left of its box, they sit beside it.
 */
function serviceLineNumber(row: number): PrintedText {
  return { text: String(row), box: { x: 10, y: lineTop(41 + 2 * row) + 34, width: 44, height: 34 }, anchor: false, inline: true };
}

const BOTTOM: PrintedText[] = [
  printed(55, 1, '25. FEDERAL TAX I.D. NUMBER'),
  printed(55, 16, 'SSN EIN', false),
  printed(55, 22, "26. PATIENT'S ACCOUNT NO."),
  printed(55, 37, '27. ACCEPT ASSIGNMENT?'),
  printed(55, 50, '28. TOTAL CHARGE'),
  printed(55, 60, '29. AMOUNT PAID'),
  printed(55, 70, '30. Rsvd for NUCC Use'),
  ...yesNo(56, 38, 43),
  printed(57, 1, '31. SIGNATURE OF PHYSICIAN OR SUPPLIER INCLUDING DEGREES OR CREDENTIALS'),
  printed(57, 22, '32. SERVICE FACILITY LOCATION INFORMATION'),
  printed(57, 49, '33. BILLING PROVIDER INFO & PH #'),
  onDataLine(61, 1, 'SIGNED'),
  onDataLine(61, 12, 'DATE'),
  onDataLine(61, 22, 'a.'),
  onDataLine(61, 34, 'b.'),
  onDataLine(61, 49, 'a.'),
  onDataLine(61, 61, 'b.'),
  printed(63, 1, 'NUCC Instruction Manual available at: www.nucc.org'),
  printed(63, 30, 'PLEASE PRINT OR TYPE'),
  printed(63, 52, 'APPROVED OMB-0938-1197 FORM 1500 (02-12)'),
];

export const CMS1500_PRINTED: PrintedText[] = [...TOP, ...PATIENT_AND_INSURED, ...PHYSICIAN_OR_SUPPLIER, ...BOTTOM];
