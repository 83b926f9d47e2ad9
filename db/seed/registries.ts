import { hashPassword } from "../../app/auth/password.server";
import { makeCivilId } from "../../app/auth/civil-id";
import type { GovernorateId } from "../../app/agencies/governorates";
import { desc, inArray, isNull, or } from "drizzle-orm";
import type { Database } from "../client";

import { mojMarriageContracts, mojPropertyDeeds, paciPeople } from "../schema";
import type { PersonInput } from "./factories";
import {
  addCompany,
  addEmployment,
  addFireLicence,
  addInspectionSlot,
  addLoan,
  addMarriageContract,
  addMunicipalLicence,
  addPaciPerson,
  addPropertyDeed,
  addViolation,
  paciAddressOf,
  streets,
  type LoanInput,
  type SeedAddress,
} from "./registry-factories";
import { areas, streetText, unitText } from "../../app/agencies/addresses";
import { addDays, kuwaitToday } from "../../app/i18n/dates";

// The demo registries of the simulated agencies: people (PACI), marriages and deeds (MOJ), jobs
// (PIFSS), loans (KCB), companies (MOCI), fire-safety licences and inspection slots (KFF), shop and
// sign licences and their violations (KM). Every date that matters for an expiry or an age is a day
// offset from the seed's `today`, so the demo behaves the same in any year. Seeded once, rows keep
// the dates of that first run (a second run adds nothing).

interface RegistryPerson {
  civilId: string;
  nameAr: string;
  nameEn: string;
  nationality: string;
  sex: "male" | "female";
  address: SeedAddress;
  phone: string;
  email?: string | null;
}

/**
 * L4's birth date: 20 years before this year, on 15 December, so he is 19 (or 20 in the last days
 * of the year) on any day. His civil ID therefore follows the year of the seed.
 */
function under21CivilId(today: string): string {
  return makeCivilId(`${Number(today.slice(0, 4)) - 20}-12-15`, 4518);
}

const id = {
  // The demo citizens of db/seed/demo.ts.
  ahmad: "288020122596",
  fatima: "292091998298",
  abdulaziz: "227081660516",
  rajesh: "285031244114",
  // Loan personas and their families.
  reem: "297051431214",
  khaled: "279110314554",
  munira: "283042223184",
  shahad: "305080917624",
  meshal: "296022744102",
  dana: "299100526754",
  nawaf: "299061830541",
  latifa: "301012311892",
  hamad: "293090250274",
  asma: "295121133804",
  sara: "298033022411",
  abdulrahmanMulla: "295070741366",
  talal: "290011637128",
  jassim: "284082518934",
  zainab: "287020325065",
  maryamDashti: "294111938479",
  // Fire and municipal personas.
  bader: "286050929658",
  aliDashti: "271031513786",
  abdullahSaqer: "282102842514",
  hessa: "280060436155",
  fahadHajri: "277122020474",
  // Other citizens.
  abdullahOtaibi: "274041115961",
  haya: "278093032699",
  saud: "281021447833",
  nasserMarri: "275072128196",
  amna: "279041419343",
  yousefMarzouq: "265101035038",
  mona: "273012721888",
  nawal: "285091246293",
  mubarak: "278030817448",
  abdulrahmanNusf: "289040239569",
  lulwa: "291120124385",
  abdulwahab: "262063012674",
  ghadeer: "294071340922",
  badriya: "269022527518",
  salman: "292080831898",
  // Residents.
  rafiq: "283071956141",
  ahmedMahmoud: "280021160248",
  heba: "286082858372",
  maria: "290040571463",
  jose: "288111269518",
  omar: "284053054798",
  rami: "287010863898",
  shafiq: "291032272054",
  sunita: "289101759622",
} as const;

/** Everyone in the demo civil registry, on the seed's day (L4's civil ID follows the year). */
export function registryPeople(today: string): RegistryPerson[] {
  return [
    // The four demo citizens, exactly as db/seed/demo.ts records them.
    {
      civilId: id.ahmad,
      nameAr: "أحمد عبدالله العنزي",
      nameEn: "Ahmad Abdullah Al-Enezi",
      nationality: "KWT",
      sex: "male",
      address: ["salmiya", "10", streets.salemAlMubarak, "12"],
      phone: "+96599123456",
      email: "ahmad.alenezi@example.kw",
    },
    {
      civilId: id.fatima,
      nameAr: "فاطمة محمد الرشيدي",
      nameEn: "Fatima Mohammed Al-Rashidi",
      nationality: "KWT",
      sex: "female",
      address: ["shuwaikh", "2", streets.jamalAbdulnasser, "7"],
      phone: "+96566234567",
    },
    {
      civilId: id.abdulaziz,
      nameAr: "عبدالعزيز سالم المطيري",
      nameEn: "Abdulaziz Salem Al-Mutairi",
      nationality: "KWT",
      sex: "male",
      address: ["oyoun", "4", "15", "33"],
      phone: "+96555345678",
    },
    {
      civilId: id.rajesh,
      nameAr: "راجيش كومار",
      nameEn: "Rajesh Kumar",
      nationality: "IND",
      sex: "male",
      address: ["khaitan", "6", "25", "101"],
      phone: "+96560456789",
      email: "rajesh.kumar@example.com",
    },

    {
      civilId: id.reem,
      nameAr: "ريم خالد العازمي",
      nameEn: "Reem Khaled Al-Azmi",
      nationality: "KWT",
      sex: "female",
      address: ["salmiya", "10", streets.salemAlMubarak, "12"],
      phone: "+96599781204",
    },
    {
      civilId: id.khaled,
      nameAr: "خالد عبدالرحمن الغانم",
      nameEn: "Khaled Abdulrahman Al-Ghanim",
      nationality: "KWT",
      sex: "male",
      address: ["shamiya", "7", streets.shamiya, "112"],
      phone: "+96599420318",
      email: "k.alghanim@example.kw",
    },
    {
      civilId: id.munira,
      nameAr: "منيرة سليمان المرزوق",
      nameEn: "Munira Sulaiman Al-Marzouq",
      nationality: "KWT",
      sex: "female",
      address: ["shamiya", "7", streets.shamiya, "112"],
      phone: "+96566917342",
    },
    {
      civilId: under21CivilId(today),
      nameAr: "فيصل عبدالله العجمي",
      nameEn: "Faisal Abdullah Al-Ajmi",
      nationality: "KWT",
      sex: "male",
      address: ["sabahiya", "2", "18", "45"],
      phone: "+96550381927",
    },
    {
      civilId: id.shahad,
      nameAr: "شهد ناصر الدوسري",
      nameEn: "Shahad Nasser Al-Dosari",
      nationality: "KWT",
      sex: "female",
      address: ["sabahiya", "2", "18", "45"],
      phone: "+96550294716",
    },
    {
      civilId: id.meshal,
      nameAr: "مشعل فهد العتيبي",
      nameEn: "Meshal Fahad Al-Otaibi",
      nationality: "KWT",
      sex: "male",
      address: ["egaila", "5", "512", "19"],
      phone: "+96597735160",
      email: "meshal.alotaibi@example.kw",
    },
    {
      civilId: id.dana,
      nameAr: "دانة محمد المطيري",
      nameEn: "Dana Mohammed Al-Mutairi",
      nationality: "KWT",
      sex: "female",
      address: ["egaila", "5", "512", "19"],
      phone: "+96565108834",
    },
    {
      civilId: id.nawaf,
      nameAr: "نواف صالح الحربي",
      nameEn: "Nawaf Saleh Al-Harbi",
      nationality: "KWT",
      sex: "male",
      address: ["saadAlAbdullah", "3", "307", "26"],
      phone: "+96551862047",
    },
    {
      civilId: id.latifa,
      nameAr: "لطيفة حمد الشمري",
      nameEn: "Latifa Hamad Al-Shammari",
      nationality: "KWT",
      sex: "female",
      address: ["saadAlAbdullah", "3", "307", "26"],
      phone: "+96551407395",
    },
    {
      civilId: id.hamad,
      nameAr: "حمد يوسف الفضلي",
      nameEn: "Hamad Yousef Al-Fadhli",
      nationality: "KWT",
      sex: "male",
      address: ["sabahAlSalem", "9", "4", "71"],
      phone: "+96598246513",
    },
    {
      civilId: id.asma,
      nameAr: "أسماء علي السبيعي",
      nameEn: "Asma Ali Al-Subaie",
      nationality: "KWT",
      sex: "female",
      address: ["sabahAlSalem", "9", "4", "71"],
      phone: "+96567390281",
    },
    {
      civilId: id.sara,
      nameAr: "سارة علي العوضي",
      nameEn: "Sara Ali Al-Awadhi",
      nationality: "KWT",
      sex: "female",
      address: ["jabriya", "11", "2", "30"],
      phone: "+96599068472",
      email: "sara.alawadhi@example.kw",
    },
    {
      civilId: id.abdulrahmanMulla,
      nameAr: "عبدالرحمن بدر الملا",
      nameEn: "Abdulrahman Bader Al-Mulla",
      nationality: "KWT",
      sex: "male",
      address: ["jabriya", "11", "2", "30"],
      phone: "+96599514306",
    },
    {
      civilId: id.talal,
      nameAr: "طلال حمد الشرهان",
      nameEn: "Talal Hamad Al-Sharhan",
      nationality: "KWT",
      sex: "male",
      address: ["kaifan", "4", "41", "9"],
      phone: "+96596637218",
    },
    {
      civilId: id.jassim,
      nameAr: "جاسم أحمد بهبهاني",
      nameEn: "Jassim Ahmad Behbehani",
      nationality: "KWT",
      sex: "male",
      address: ["salwa", "11", "8", "306"],
      phone: "+96599872035",
      email: "jassim.behbehani@example.kw",
    },
    {
      civilId: id.zainab,
      nameAr: "زينب حسن القطان",
      nameEn: "Zainab Hassan Al-Qattan",
      nationality: "KWT",
      sex: "female",
      address: ["salwa", "11", "8", "306"],
      phone: "+96566059127",
    },
    {
      civilId: id.maryamDashti,
      nameAr: "مريم عبدالله دشتي",
      nameEn: "Maryam Abdullah Dashti",
      nationality: "KWT",
      sex: "female",
      address: ["rumaithiya", "6", "64", "15"],
      phone: "+96560918345",
    },

    {
      civilId: id.bader,
      nameAr: "بدر ناصر الرشيدي",
      nameEn: "Bader Nasser Al-Rashidi",
      nationality: "KWT",
      sex: "male",
      address: ["salmiya", "12", streets.amman, "8"],
      phone: "+96597214680",
    },
    {
      civilId: id.aliDashti,
      nameAr: "علي حسين دشتي",
      nameEn: "Ali Hussain Dashti",
      nationality: "KWT",
      sex: "male",
      address: ["daiya", "1", "19", "3"],
      phone: "+96599305716",
      email: "ali.dashti@example.kw",
    },
    {
      civilId: id.abdullahSaqer,
      nameAr: "عبدالله محمد الصقر",
      nameEn: "Abdullah Mohammed Al-Saqer",
      nationality: "KWT",
      sex: "male",
      address: ["hadiya", "3", "27", "14"],
      phone: "+96555620913",
    },
    {
      civilId: id.hessa,
      nameAr: "حصة عبدالله البحر",
      nameEn: "Hessa Abdullah Al-Bahar",
      nationality: "KWT",
      sex: "female",
      address: ["qadsiya", "5", "52", "21"],
      phone: "+96566471352",
    },
    {
      civilId: id.fahadHajri,
      nameAr: "فهد مبارك الهاجري",
      nameEn: "Fahad Mubarak Al-Hajri",
      nationality: "KWT",
      sex: "male",
      address: ["qurain", "2", "9", "48"],
      phone: "+96598803147",
    },

    {
      civilId: id.abdullahOtaibi,
      nameAr: "عبدالله فهد العتيبي",
      nameEn: "Abdullah Fahad Al-Otaibi",
      nationality: "KWT",
      sex: "male",
      address: ["egaila", "3", "305", "7"],
      phone: "+96599260845",
      email: "abdullah.alotaibi@example.kw",
    },
    {
      civilId: id.haya,
      nameAr: "هيا سعد العنزي",
      nameEn: "Haya Saad Al-Enezi",
      nationality: "KWT",
      sex: "female",
      address: ["egaila", "3", "305", "7"],
      phone: "+96566835029",
    },
    {
      civilId: id.saud,
      nameAr: "سعود خالد العازمي",
      nameEn: "Saud Khalid Al-Azmi",
      nationality: "KWT",
      sex: "male",
      address: ["andalus", "2", "6", "54"],
      phone: "+96550947362",
    },
    {
      civilId: id.nasserMarri,
      nameAr: "ناصر حمد المري",
      nameEn: "Nasser Hamad Al-Marri",
      nationality: "KWT",
      sex: "male",
      address: ["naseem", "1", "13", "22"],
      phone: "+96597510628",
    },
    {
      civilId: id.amna,
      nameAr: "آمنة راشد الهاجري",
      nameEn: "Amna Rashed Al-Hajri",
      nationality: "KWT",
      sex: "female",
      address: ["naseem", "1", "13", "22"],
      phone: "+96565372910",
    },
    {
      civilId: id.yousefMarzouq,
      nameAr: "يوسف عبدالمحسن المرزوق",
      nameEn: "Yousef Abdulmohsen Al-Marzouq",
      nationality: "KWT",
      sex: "male",
      address: ["nuzha", "2", "24", "41"],
      phone: "+96599018263",
    },
    {
      civilId: id.mona,
      nameAr: "منى جاسم الرومي",
      nameEn: "Mona Jassim Al-Roumi",
      nationality: "KWT",
      sex: "female",
      address: ["rawda", "3", "35", "16"],
      phone: "+96566203847",
      email: "mona.alroumi@example.kw",
    },
    {
      civilId: id.nawal,
      nameAr: "نوال صالح الخالد",
      nameEn: "Nawal Saleh Al-Khaled",
      nationality: "KWT",
      sex: "female",
      address: ["adan", "6", "610", "12"],
      phone: "+96560582714",
    },
    {
      civilId: id.mubarak,
      nameAr: "مبارك سعد الدوسري",
      nameEn: "Mubarak Saad Al-Dosari",
      nationality: "KWT",
      sex: "male",
      address: ["adan", "5", "517", "142"],
      phone: "+96555097431",
    },
    {
      civilId: id.abdulrahmanNusf,
      nameAr: "عبدالرحمن يوسف النصف",
      nameEn: "Abdulrahman Yousef Al-Nusf",
      nationality: "KWT",
      sex: "male",
      address: ["mansouriya", "1", "14", "5"],
      phone: "+96599647082",
    },
    {
      civilId: id.lulwa,
      nameAr: "لولوة فيصل المنصور",
      nameEn: "Lulwa Faisal Al-Mansour",
      nationality: "KWT",
      sex: "female",
      address: ["mishref", "4", "7", "23"],
      phone: "+96566741093",
    },
    {
      civilId: id.abdulwahab,
      nameAr: "عبدالوهاب جاسم القطان",
      nameEn: "Abdulwahab Jassim Al-Qattan",
      nationality: "KWT",
      sex: "male",
      address: ["rawda", "4", "42", "77"],
      phone: "+96599130572",
    },
    {
      civilId: id.ghadeer,
      nameAr: "غدير سعود الكندري",
      nameEn: "Ghadeer Saud Al-Kandari",
      nationality: "KWT",
      sex: "female",
      address: ["bayan", "5", "12", "34"],
      phone: "+96560274518",
    },
    {
      civilId: id.badriya,
      nameAr: "بدرية محمد الشمري",
      nameEn: "Badriya Mohammed Al-Shammari",
      nationality: "KWT",
      sex: "female",
      address: ["mishref", "6", "2", "88"],
      phone: "+96566390154",
    },
    {
      civilId: id.salman,
      nameAr: "سلمان عيد العنزي",
      nameEn: "Salman Eid Al-Enezi",
      nationality: "KWT",
      sex: "male",
      address: ["qasr", "2", "16", "59"],
      phone: "+96551738206",
    },

    {
      civilId: id.rafiq,
      nameAr: "محمد رفيق",
      nameEn: "Mohammed Rafiq",
      nationality: "IND",
      sex: "male",
      address: ["khaitan", "6", "25", "88"],
      phone: "+96565813740",
    },
    {
      civilId: id.ahmedMahmoud,
      nameAr: "أحمد محمود عبدالعزيز",
      nameEn: "Ahmed Mahmoud Abdelaziz",
      nationality: "EGY",
      sex: "male",
      address: ["hawalli", "3", streets.tunis, "19"],
      phone: "+96560147293",
      email: "ahmed.abdelaziz@example.com",
    },
    {
      civilId: id.heba,
      nameAr: "هبة مصطفى السيد",
      nameEn: "Heba Mostafa El-Sayed",
      nationality: "EGY",
      sex: "female",
      address: ["hawalli", "3", streets.tunis, "19"],
      phone: "+96560259381",
    },
    {
      civilId: id.maria,
      nameAr: "ماريا سانتوس",
      nameEn: "Maria Santos",
      nationality: "PHL",
      sex: "female",
      address: ["salmiya", "8", streets.baghdad, "40"],
      phone: "+96550619427",
    },
    {
      civilId: id.jose,
      nameAr: "خوسيه رييس",
      nameEn: "Jose Reyes",
      nationality: "PHL",
      sex: "male",
      address: ["jleeb", "4", "200", "17"],
      phone: "+96550836142",
    },
    {
      civilId: id.omar,
      nameAr: "عمر خالد الحلبي",
      nameEn: "Omar Khaled Al-Halabi",
      nationality: "SYR",
      sex: "male",
      address: ["jabriya", "8", "5", "62"],
      phone: "+96565490318",
      email: "omar.halabi@example.com",
    },
    {
      civilId: id.rami,
      nameAr: "رامي يوسف حداد",
      nameEn: "Rami Yousef Haddad",
      nationality: "JOR",
      sex: "male",
      address: ["sharq", "2", streets.ahmadAlJaber, "11"],
      phone: "+96569027461",
    },
    {
      civilId: id.shafiq,
      nameAr: "محمد شفيق الإسلام",
      nameEn: "Mohammad Shafiqul Islam",
      nationality: "BGD",
      sex: "male",
      address: ["jleeb", "2", "112", "9"],
      phone: "+96550472593",
    },
    {
      civilId: id.sunita,
      nameAr: "سونيتا ناير",
      nameEn: "Sunita Nair",
      nationality: "IND",
      sex: "female",
      address: ["mangaf", "4", "23", "13"],
      phone: "+96569318054",
    },
  ];
}

export interface DemoPersona {
  civilId: string;
  nameAr: string;
  nameEn: string;
  note: string;
}

/** The people the demo is told through, on the seed's day (L4's civil ID follows the year). */
export function demoPersonasOn(today: string) {
  return {
    L1: {
      civilId: id.ahmad,
      nameAr: "أحمد عبدالله العنزي",
      nameEn: "Ahmad Abdullah Al-Enezi",
      note: "Marriage loan: eligible (first marriage 90 days ago, salary KWD 1,200, no loans)",
    },
    L2: {
      civilId: id.khaled,
      nameAr: "خالد عبدالرحمن الغانم",
      nameEn: "Khaled Abdulrahman Al-Ghanim",
      note: "Home restoration loan: eligible (owns a deed, salary KWD 1,500, no loans)",
    },
    L3: { civilId: id.rajesh, nameAr: "راجيش كومار", nameEn: "Rajesh Kumar", note: "Loans: refused, not Kuwaiti (resident from India, employed)" },
    L4: {
      civilId: under21CivilId(today),
      nameAr: "فيصل عبدالله العجمي",
      nameEn: "Faisal Abdullah Al-Ajmi",
      note: "Marriage loan: refused, under 21 (19 today; married 60 days ago, employed)",
    },
    L5: {
      civilId: id.meshal,
      nameAr: "مشعل فهد العتيبي",
      nameEn: "Meshal Fahad Al-Otaibi",
      note: "Marriage loan: refused, already has an active marriage loan",
    },
    L6: {
      civilId: id.nawaf,
      nameAr: "نواف صالح الحربي",
      nameEn: "Nawaf Saleh Al-Harbi",
      note: "Marriage loan: refused over 12 months, instalment above 40% of a KWD 450 salary",
    },
    L7: { civilId: id.hamad, nameAr: "حمد يوسف الفضلي", nameEn: "Hamad Yousef Al-Fadhli", note: "Marriage loan: refused, contract about 18 months old" },
    L8: {
      civilId: id.sara,
      nameAr: "سارة علي العوضي",
      nameEn: "Sara Ali Al-Awadhi",
      note: "Marriage loan: refused, she is the wife on the contract, not the husband",
    },
    L9: { civilId: id.talal, nameAr: "طلال حمد الشرهان", nameEn: "Talal Hamad Al-Sharhan", note: "Home restoration loan: refused, owns no deed" },
    L10: {
      civilId: id.jassim,
      nameAr: "جاسم أحمد بهبهاني",
      nameEn: "Jassim Ahmad Behbehani",
      note: "Marriage loan: refused, recent contract is not his first marriage",
    },
    F1: {
      civilId: id.abdulaziz,
      nameAr: "عبدالعزيز سالم المطيري",
      nameEn: "Abdulaziz Salem Al-Mutairi",
      note: "Al-Oyoun Restaurant & Café: fire licence due in 30 days, shop licence in 20, no unpaid violations (renewals go straight through)",
    },
    F2: {
      civilId: id.bader,
      nameAr: "بدر ناصر الرشيدي",
      nameEn: "Bader Nasser Al-Rashidi",
      note: "Al-Nukhba Men's Barber Shop: shop licence due in 45 days with an unpaid KWD 100 violation; fire licence valid",
    },
    F3: {
      civilId: id.aliDashti,
      nameAr: "علي حسين دشتي",
      nameEn: "Ali Hussain Dashti",
      note: "Dashti General Trading and Contracting: fire licence expired over a year ago, last inspected over two years ago (goes to the officer)",
    },
    F4: {
      civilId: id.abdullahSaqer,
      nameAr: "عبدالله محمد الصقر",
      nameEn: "Abdullah Mohammed Al-Saqer",
      note: "Al-Deera Bakery: shop licence due in 35 days on a premises with no fire licence",
    },
    F5: {
      civilId: id.hessa,
      nameAr: "حصة عبدالله البحر",
      nameEn: "Hessa Abdullah Al-Bahar",
      note: "Al-Warda Ladies' Fashion Boutique: commercial licence expired 40 days ago",
    },
    F6: {
      civilId: id.fahadHajri,
      nameAr: "فهد مبارك الهاجري",
      nameEn: "Fahad Mubarak Al-Hajri",
      note: "Al-Shifa Pharmacy: 6 m² sign licence expired 90 days ago (late fee)",
    },
    F7: {
      civilId: id.nasserMarri,
      nameAr: "ناصر حمد المري",
      nameEn: "Nasser Hamad Al-Marri",
      note: "Al-Jahra Car Wash: fire licence due in 12 days (renewal straight through); shop licence due in 55 days with an unpaid KWD 150 violation (to the clerk)",
    },
  } as const satisfies Record<string, DemoPersona>;
}

export type DemoPersonaId = keyof ReturnType<typeof demoPersonasOn>;

/** The personas as of today in Kuwait (for the README and the start-up notice). */
export const demoPersonas = demoPersonasOn(kuwaitToday());

/** The personas as people to give citizen accounts to, with their PACI contact details. */
export function demoPersonaPeople(today: string): PersonInput[] {
  const everyone = new Map(registryPeople(today).map((person) => [person.civilId, person]));
  return Object.values(demoPersonasOn(today)).map(({ civilId }) => {
    const person = everyone.get(civilId)!;
    return { civilId, nameAr: person.nameAr, nameEn: person.nameEn, nationality: person.nationality, phone: person.phone, email: person.email ?? null };
  });
}

/** The PIN of every demo civil-ID card, for signing in at a kiosk. */
export const DEMO_CARD_PIN = "1234";

/** Seeds every demo registry. Idempotent: a second run adds nothing. */
export async function seedRegistries(db: Database, today: string): Promise<void> {
  const day = (offset: number) => addDays(today, offset);
  const under21 = under21CivilId(today);

  // PACI: the civil registry. Every demo card's PIN is DEMO_CARD_PIN (one hash serves them all).
  const cardPinHash = await hashPassword(DEMO_CARD_PIN);
  for (const { address, ...person } of registryPeople(today)) {
    await addPaciPerson(db, { ...person, email: person.email ?? null, ...paciAddressOf(address), cardPinHash });
  }
  // The demo citizens were entered before, and a demo seeded by an earlier version had no PINs.
  await db.update(paciPeople).set({ cardPinHash }).where(isNull(paciPeople.cardPinHash));

  // MOJ: marriage contracts. Recent ones are dated from today; settled marriages on fixed dates.
  const contracts: Parameters<typeof addMarriageContract>[1][] = [
    {
      contractNumber: `MC-${day(-90).slice(0, 4)}-418230`,
      husbandCivilId: id.ahmad,
      wifeCivilId: id.reem,
      contractDate: day(-90),
      isFirstMarriageOfHusband: true,
    },
    { contractNumber: "MC-2008-101774", husbandCivilId: id.khaled, wifeCivilId: id.munira, contractDate: "2008-02-14", isFirstMarriageOfHusband: true },
    // L4's contract number follows his civil ID (which follows the year).
    {
      contractNumber: `MC-${day(-60).slice(0, 4)}-5${under21.slice(1, 3)}${under21.slice(7, 10)}`,
      husbandCivilId: under21,
      wifeCivilId: id.shahad,
      contractDate: day(-60),
      isFirstMarriageOfHusband: true,
    },
    {
      contractNumber: `MC-${day(-150).slice(0, 4)}-417562`,
      husbandCivilId: id.meshal,
      wifeCivilId: id.dana,
      contractDate: day(-150),
      isFirstMarriageOfHusband: true,
    },
    {
      contractNumber: `MC-${day(-45).slice(0, 4)}-419015`,
      husbandCivilId: id.nawaf,
      wifeCivilId: id.latifa,
      contractDate: day(-45),
      isFirstMarriageOfHusband: true,
    },
    {
      contractNumber: `MC-${day(-545).slice(0, 4)}-398641`,
      husbandCivilId: id.hamad,
      wifeCivilId: id.asma,
      contractDate: day(-545),
      isFirstMarriageOfHusband: true,
    },
    {
      contractNumber: `MC-${day(-30).slice(0, 4)}-419387`,
      husbandCivilId: id.abdulrahmanMulla,
      wifeCivilId: id.sara,
      contractDate: day(-30),
      isFirstMarriageOfHusband: true,
    },
    { contractNumber: "MC-2011-156209", husbandCivilId: id.jassim, wifeCivilId: id.zainab, contractDate: "2011-04-14", isFirstMarriageOfHusband: true },
    {
      contractNumber: `MC-${day(-100).slice(0, 4)}-418806`,
      husbandCivilId: id.jassim,
      wifeCivilId: id.maryamDashti,
      contractDate: day(-100),
      isFirstMarriageOfHusband: false,
    },
    { contractNumber: "MC-1999-072518", husbandCivilId: id.abdullahOtaibi, wifeCivilId: id.haya, contractDate: "1999-06-10", isFirstMarriageOfHusband: true },
    { contractNumber: "MC-2001-086903", husbandCivilId: id.nasserMarri, wifeCivilId: id.amna, contractDate: "2001-11-22", isFirstMarriageOfHusband: true },
    { contractNumber: "MC-2014-228457", husbandCivilId: id.ahmedMahmoud, wifeCivilId: id.heba, contractDate: "2014-09-25", isFirstMarriageOfHusband: true },
  ];
  for (const contract of contracts) await addMarriageContract(db, contract);

  // PIFSS: employment, salaries in fils.
  const moe = ["وزارة التربية", "Ministry of Education"] as const;
  const moh = ["وزارة الصحة", "Ministry of Health"] as const;
  const moi = ["وزارة الداخلية", "Ministry of Interior"] as const;
  const mpw = ["وزارة الأشغال العامة", "Ministry of Public Works"] as const;
  const mew = ["وزارة الكهرباء والماء والطاقة المتجددة", "Ministry of Electricity, Water and Renewable Energy"] as const;
  const army = ["الجيش الكويتي", "Kuwait Army"] as const;
  const koc = ["شركة نفط الكويت", "Kuwait Oil Company"] as const;
  const kpc = ["مؤسسة البترول الكويتية", "Kuwait Petroleum Corporation"] as const;
  const ku = ["جامعة الكويت", "Kuwait University"] as const;
  const nbk = ["بنك الكويت الوطني", "National Bank of Kuwait"] as const;
  const kfh = ["بيت التمويل الكويتي", "Kuwait Finance House"] as const;
  const zain = ["شركة زين للاتصالات", "Zain Telecommunications"] as const;
  const airways = ["الخطوط الجوية الكويتية", "Kuwait Airways"] as const;
  const safat = ["شركة الصفاة للتأمين", "Al-Safat Insurance Co."] as const;
  const gulfEng = ["شركة الخليج للهندسة", "Gulf Engineering Co."] as const;
  const hospital = ["مستشفى دار الشفاء", "Dar Al Shifa Hospital"] as const;
  const jobs: [civilId: string, employer: readonly [string, string], startDate: string, kwd: number, isActive: boolean][] = [
    [id.ahmad, moe, "2012-09-01", 1_200, true],
    [id.fatima, kfh, "2016-03-01", 980, true],
    [id.rajesh, gulfEng, "2011-05-15", 950, true],
    [id.reem, moh, "2020-10-01", 820, true],
    [id.khaled, kpc, "2003-07-01", 1_500, true],
    [id.munira, moe, "2006-09-01", 1_050, true],
    [under21, army, day(-300), 720, true],
    [id.meshal, airways, "2019-02-01", 1_100, true],
    [id.dana, nbk, "2022-06-01", 750, true],
    [id.nawaf, safat, "2022-01-09", 450, true],
    [id.hamad, mpw, "2016-11-01", 1_000, true],
    [id.asma, moe, "2019-09-01", 900, true],
    [id.sara, ku, "2021-02-01", 900, true],
    [id.abdulrahmanMulla, koc, "2018-08-01", 1_650, true],
    [id.talal, zain, "2012-04-01", 900, false],
    [id.talal, nbk, "2017-01-15", 1_300, true],
    [id.jassim, mew, "2007-10-01", 1_400, true],
    [id.zainab, moh, "2010-01-01", 1_150, true],
    [id.maryamDashti, kfh, "2018-05-01", 850, true],
    [id.bader, moi, "2008-03-01", 1_250, true],
    [id.aliDashti, koc, "1993-01-01", 2_100, false],
    [id.abdullahSaqer, kpc, "2006-01-01", 1_800, true],
    [id.hessa, moe, "2003-09-01", 1_350, false],
    [id.fahadHajri, army, "1996-06-01", 1_700, false],
    [id.abdullahOtaibi, koc, "1996-02-01", 2_300, true],
    [id.haya, moe, "2000-09-01", 1_400, false],
    [id.saud, moi, "2002-01-01", 1_450, true],
    [id.nasserMarri, mew, "1997-05-01", 1_300, false],
    [id.mona, ku, "1998-09-01", 2_050, true],
    [id.nawal, moe, "2008-09-01", 1_150, true],
    [id.mubarak, army, "1998-01-01", 1_600, true],
    [id.abdulrahmanNusf, kfh, "2013-06-01", 1_400, false],
    [id.lulwa, moh, "2015-10-01", 1_000, true],
    [id.abdulwahab, mpw, "1985-01-01", 1_900, false],
    [id.ghadeer, zain, "2017-07-01", 1_050, true],
    [id.badriya, moe, "1991-09-01", 1_600, false],
    [id.salman, army, "2011-03-01", 1_100, true],
    [id.sunita, moh, "2014-11-01", 780, true],
    [id.maria, hospital, "2016-02-01", 450, true],
    [id.omar, safat, "2012-05-20", 1_100, true],
    [id.rami, kfh, "2015-09-13", 1_250, true],
  ];
  for (const [civilId, [employerAr, employerEn], startDate, kwd, isActive] of jobs) {
    await addEmployment(db, { civilId, employerAr, employerEn, startDate, monthlySalaryFils: kwd * 1_000, isActive });
  }

  // KCB: social loans already granted.
  const loans: LoanInput[] = [
    { civilId: id.meshal, loanType: "marriage", amountFils: 4_000_000, status: "active", startDate: day(-120) },
    { civilId: id.abdullahOtaibi, loanType: "marriage", amountFils: 4_000_000, status: "repaid", startDate: "1999-08-01" },
    { civilId: id.abdullahOtaibi, loanType: "restoration", amountFils: 8_000_000, status: "active", startDate: "2023-03-01" },
    { civilId: id.abdulwahab, loanType: "marriage", amountFils: 4_000_000, status: "repaid", startDate: "1987-05-01" },
    { civilId: id.jassim, loanType: "marriage", amountFils: 4_000_000, status: "repaid", startDate: "2011-06-01" },
    { civilId: id.aliDashti, loanType: "marriage", amountFils: 4_000_000, status: "repaid", startDate: "1996-04-01" },
    { civilId: id.nasserMarri, loanType: "marriage", amountFils: 4_000_000, status: "repaid", startDate: "2002-01-01" },
    { civilId: id.nasserMarri, loanType: "restoration", amountFils: 10_000_000, status: "repaid", startDate: "2010-09-01" },
    { civilId: id.mubarak, loanType: "restoration", amountFils: 10_000_000, status: "active", startDate: "2024-06-01" },
  ];
  for (const loan of loans) await addLoan(db, loan);

  // MOJ: property deeds.
  const deeds: Parameters<typeof addPropertyDeed>[1][] = [
    {
      deedNumber: "RD-2009-004211",
      ownerCivilId: id.khaled,
      governorate: "capital",
      area: areas.shamiya.name,
      block: "7",
      plot: "112",
      registeredOn: "2009-05-17",
    },
    {
      deedNumber: "RD-2001-001387",
      ownerCivilId: id.abdullahOtaibi,
      governorate: "ahmadi",
      area: areas.egaila.name,
      block: "3",
      plot: "205",
      registeredOn: "2001-03-04",
    },
    {
      deedNumber: "RD-1994-000562",
      ownerCivilId: id.yousefMarzouq,
      governorate: "capital",
      area: areas.nuzha.name,
      block: "2",
      plot: "41",
      registeredOn: "1994-10-30",
    },
    {
      deedNumber: "RD-1989-000218",
      ownerCivilId: id.abdulwahab,
      governorate: "capital",
      area: areas.rawda.name,
      block: "4",
      plot: "77",
      registeredOn: "1989-12-12",
    },
    {
      deedNumber: "RD-2015-008904",
      ownerCivilId: id.jassim,
      governorate: "hawalli",
      area: areas.salwa.name,
      block: "11",
      plot: "306",
      registeredOn: "2015-08-20",
    },
    {
      deedNumber: "RD-1998-000944",
      ownerCivilId: id.aliDashti,
      governorate: "capital",
      area: areas.daiya.name,
      block: "1",
      plot: "19",
      registeredOn: "1998-04-07",
    },
    {
      deedNumber: "RD-2012-006130",
      ownerCivilId: id.mubarak,
      governorate: "mubarak-al-kabeer",
      area: areas.adan.name,
      block: "5",
      plot: "142",
      registeredOn: "2012-01-25",
    },
    {
      deedNumber: "RD-2006-003318",
      ownerCivilId: id.badriya,
      governorate: "hawalli",
      area: areas.mishref.name,
      block: "6",
      plot: "88",
      registeredOn: "2006-06-06",
    },
    {
      deedNumber: "RD-1986-000412",
      ownerCivilId: id.abdulaziz,
      governorate: "jahra",
      area: areas.oyoun.name,
      block: "4",
      plot: "33",
      registeredOn: "1986-02-19",
    },
  ];
  for (const deed of deeds) await addPropertyDeed(db, deed);

  // MOCI: companies, their commercial licences and signatories.
  const companies: Parameters<typeof addCompany>[1][] = [
    {
      crNumber: "CR-104512",
      nameAr: "مطعم ومقهى العيون",
      nameEn: "Al-Oyoun Restaurant & Café",
      licenceNumber: "CL-2019-004512",
      activityAr: "مطعم ومقهى",
      activityEn: "Restaurant and café",
      licenceExpiresOn: day(400),
      signatories: [id.abdulaziz],
    },
    {
      crNumber: "CR-118733",
      nameAr: "صالون النخبة للحلاقة الرجالية",
      nameEn: "Al-Nukhba Men's Barber Shop",
      licenceNumber: "CL-2021-007731",
      activityAr: "صالون حلاقة رجالي",
      activityEn: "Men's barber shop",
      licenceExpiresOn: day(250),
      signatories: [id.bader],
    },
    {
      crNumber: "CR-097215",
      nameAr: "شركة دشتي للتجارة العامة والمقاولات",
      nameEn: "Dashti General Trading and Contracting Co.",
      licenceNumber: "CL-2017-002218",
      activityAr: "تجارة عامة ومقاولات",
      activityEn: "General trading and contracting",
      licenceExpiresOn: day(500),
      signatories: [id.aliDashti, id.omar],
    },
    {
      crNumber: "CR-130486",
      nameAr: "مخبز الديرة",
      nameEn: "Al-Deera Bakery",
      licenceNumber: "CL-2022-009104",
      activityAr: "مخبز ومعجنات",
      activityEn: "Bakery and pastries",
      licenceExpiresOn: day(300),
      signatories: [id.abdullahSaqer],
    },
    {
      crNumber: "CR-088341",
      nameAr: "بوتيك الوردة للأزياء النسائية",
      nameEn: "Al-Warda Ladies' Fashion Boutique",
      licenceNumber: "CL-2018-003377",
      activityAr: "بيع الملابس النسائية",
      activityEn: "Ladies' clothing retail",
      licenceExpiresOn: day(-40),
      signatories: [id.hessa],
    },
    {
      crNumber: "CR-125590",
      nameAr: "صيدلية الشفاء",
      nameEn: "Al-Shifa Pharmacy",
      licenceNumber: "CL-2020-005861",
      activityAr: "صيدلية",
      activityEn: "Pharmacy",
      licenceExpiresOn: day(180),
      signatories: [id.fahadHajri],
    },
    {
      crNumber: "CR-076214",
      nameAr: "مطعم كيرلا للمأكولات الهندية",
      nameEn: "Kerala Indian Restaurant",
      licenceNumber: "CL-2016-001903",
      activityAr: "مطعم",
      activityEn: "Restaurant",
      licenceExpiresOn: day(620),
      signatories: [id.saud, id.rafiq],
    },
    {
      crNumber: "CR-141377",
      nameAr: "مغسلة الجهراء للسيارات",
      nameEn: "Al-Jahra Car Wash",
      licenceNumber: "CL-2023-010288",
      activityAr: "غسيل وتلميع السيارات",
      activityEn: "Car wash and polishing",
      licenceExpiresOn: day(90),
      signatories: [id.nasserMarri],
    },
    {
      crNumber: "CR-069902",
      nameAr: "شركة الفنار للإلكترونيات",
      nameEn: "Al-Fanar Electronics Co.",
      licenceNumber: "CL-2015-000871",
      activityAr: "بيع الأجهزة الإلكترونية",
      activityEn: "Electronics retail",
      licenceExpiresOn: day(-150),
      signatories: [id.yousefMarzouq, id.rami],
    },
    {
      crNumber: "CR-133045",
      nameAr: "مطبعة الخليج",
      nameEn: "Gulf Printing Press",
      licenceNumber: "CL-2022-008530",
      activityAr: "طباعة ونشر",
      activityEn: "Printing and publishing",
      licenceExpiresOn: day(700),
      signatories: [id.mona],
    },
    {
      crNumber: "CR-112890",
      nameAr: "حضانة براعم الكويت",
      nameEn: "Baraem Al-Kuwait Nursery",
      licenceNumber: "CL-2020-006012",
      activityAr: "حضانة أطفال",
      activityEn: "Children's nursery",
      licenceExpiresOn: day(150),
      signatories: [id.nawal],
    },
    {
      crNumber: "CR-094417",
      nameAr: "ورشة الأحمدي لتصليح السيارات",
      nameEn: "Al-Ahmadi Auto Repair Workshop",
      licenceNumber: "CL-2017-002764",
      activityAr: "تصليح السيارات",
      activityEn: "Car repair",
      licenceExpiresOn: day(210),
      signatories: [id.mubarak, id.ahmedMahmoud],
    },
    {
      crNumber: "CR-150263",
      nameAr: "مقهى ليوان",
      nameEn: "Liwan Café",
      licenceNumber: "CL-2024-011940",
      activityAr: "مقهى",
      activityEn: "Café",
      licenceExpiresOn: day(600),
      signatories: [id.abdulrahmanNusf],
    },
    {
      crNumber: "CR-082156",
      nameAr: "مؤسسة الرمال لمواد البناء",
      nameEn: "Al-Rimal Building Materials Est.",
      licenceNumber: "CL-2018-003095",
      activityAr: "بيع مواد البناء",
      activityEn: "Building materials trading",
      licenceExpiresOn: day(95),
      signatories: [id.abdullahOtaibi],
    },
    {
      crNumber: "CR-121748",
      nameAr: "صالون اللؤلؤة للتجميل",
      nameEn: "Al-Lulu'a Beauty Salon",
      licenceNumber: "CL-2021-007402",
      activityAr: "صالون تجميل نسائي",
      activityEn: "Ladies' beauty salon",
      licenceExpiresOn: day(40),
      signatories: [id.lulwa, id.ghadeer],
    },
  ];
  for (const company of companies) await addCompany(db, company);

  // Premises, by PACI automated address number: where KFF and KM licences meet.
  const premises = {
    oyoun: {
      premisesNumber: "16042817",
      governorate: "jahra",
      area: areas.oyoun.name,
      block: "4",
      street: streetText("12"),
      building: "40",
      unit: unitText({ floor: "ground", kind: "shop", number: "3" }),
    },
    nukhba: {
      premisesNumber: "12570394",
      governorate: "hawalli",
      area: areas.salmiya.name,
      block: "10",
      street: streets.hamadAlMubarak,
      building: "27",
      unit: unitText({ floor: "ground", kind: "shop", number: "5" }),
    },
    dashti: {
      premisesNumber: "18233561",
      governorate: "farwaniya",
      area: areas.rai.name,
      block: "1",
      street: streetText("20"),
      building: "118",
      unit: unitText({ kind: "warehouse", number: "2" }),
    },
    deera: {
      premisesNumber: "19406728",
      governorate: "ahmadi",
      area: areas.fahaheel.name,
      block: "8",
      street: streets.makkah,
      building: "63",
      unit: unitText({ floor: "ground", kind: "shop", number: "1" }),
    },
    warda: {
      premisesNumber: "13115842",
      governorate: "hawalli",
      area: areas.jabriya.name,
      block: "10",
      street: streetText("3"),
      building: "15",
      unit: unitText({ floor: "first", kind: "shop", number: "12" }),
    },
    shifa: {
      premisesNumber: "17658204",
      governorate: "mubarak-al-kabeer",
      area: areas.sabahAlSalem.name,
      block: "2",
      street: streetText("201"),
      building: "9",
      unit: unitText({ floor: "ground", kind: "shop", number: "2" }),
    },
    kerala: {
      premisesNumber: "15382970",
      governorate: "farwaniya",
      area: areas.khaitan.name,
      block: "6",
      street: streetText("25"),
      building: "88",
      unit: unitText({ floor: "ground", kind: "shop", number: "4" }),
    },
    carWash: {
      premisesNumber: "16911453",
      governorate: "jahra",
      area: areas.jahra.name,
      block: "1",
      street: streetText("51"),
      building: "5",
      unit: unitText({ floor: "ground" }),
    },
    fanar: {
      premisesNumber: "11078236",
      governorate: "capital",
      area: areas.sharq.name,
      block: "3",
      street: streets.ahmadAlJaber,
      building: "22",
      unit: unitText({ floor: "ground", kind: "showroom", number: "1" }),
    },
    printing: {
      premisesNumber: "18507719",
      governorate: "farwaniya",
      area: areas.rai.name,
      block: "3",
      street: streetText("31"),
      building: "204",
      unit: { ar: "الدوران الأرضي والأول", en: "Ground and first floors" },
    },
    nursery: {
      premisesNumber: "17240385",
      governorate: "mubarak-al-kabeer",
      area: areas.qurain.name,
      block: "3",
      street: streetText("14"),
      building: "61",
      unit: unitText({ floor: "ground", kind: "villa" }),
    },
    workshop: {
      premisesNumber: "19872640",
      governorate: "ahmadi",
      area: areas.shuaiba.name,
      block: "2",
      street: streetText("14"),
      building: "37",
      unit: unitText({ kind: "workshop", number: "6" }),
    },
    liwan: {
      premisesNumber: "11493058",
      governorate: "capital",
      area: areas.qibla.name,
      block: "8",
      street: streets.fahadAlSalem,
      building: "17",
      unit: unitText({ floor: "ground", kind: "shop", number: "7" }),
    },
    liwanMangaf: {
      premisesNumber: "19035487",
      governorate: "ahmadi",
      area: areas.mangaf.name,
      block: "4",
      street: streetText("23"),
      building: "41",
      unit: unitText({ floor: "ground", kind: "shop", number: "2" }),
    },
    rimal: {
      premisesNumber: "16348921",
      governorate: "jahra",
      area: areas.amghara.name,
      block: "1",
      street: streetText("5"),
      building: "12",
      unit: unitText({ kind: "warehouse", number: "4" }),
    },
    lulua: {
      premisesNumber: "13786154",
      governorate: "hawalli",
      area: areas.mishref.name,
      block: "4",
      street: streetText("3"),
      building: "10",
      unit: unitText({ floor: "first", kind: "shop", number: "8" }),
    },
  } as const;

  // KFF: fire-safety licences (issued a year before they expire, unless told).
  const fire: Parameters<typeof addFireLicence>[1][] = [
    {
      licenceNumber: "FSL-2025-000312",
      crNumber: "CR-104512",
      ...premises.oyoun,
      hazardClass: "medium",
      floorAreaM2: 180,
      floors: 1,
      expiresOn: day(30),
      issuedOn: day(-335),
      lastInspectionOn: day(-335),
    },
    { licenceNumber: "FSL-2025-000287", crNumber: "CR-118733", ...premises.nukhba, hazardClass: "low", floorAreaM2: 65, floors: 1, expiresOn: day(210) },
    {
      licenceNumber: "FSL-2023-000941",
      crNumber: "CR-097215",
      ...premises.dashti,
      hazardClass: "high",
      floorAreaM2: 1_200,
      floors: 2,
      expiresOn: day(-420),
      issuedOn: day(-785),
      lastInspectionOn: day(-800),
    },
    { licenceNumber: "FSL-2025-000455", crNumber: "CR-088341", ...premises.warda, hazardClass: "low", floorAreaM2: 90, floors: 1, expiresOn: day(120) },
    { licenceNumber: "FSL-2025-000198", crNumber: "CR-125590", ...premises.shifa, hazardClass: "medium", floorAreaM2: 110, floors: 1, expiresOn: day(280) },
    { licenceNumber: "FSL-2025-000376", crNumber: "CR-076214", ...premises.kerala, hazardClass: "medium", floorAreaM2: 150, floors: 1, expiresOn: day(90) },
    { licenceNumber: "FSL-2025-000512", crNumber: "CR-141377", ...premises.carWash, hazardClass: "medium", floorAreaM2: 300, floors: 1, expiresOn: day(12) },
    { licenceNumber: "FSL-2024-000733", crNumber: "CR-069902", ...premises.fanar, hazardClass: "medium", floorAreaM2: 240, floors: 2, expiresOn: day(-200) },
    {
      licenceNumber: "FSL-2025-000604",
      crNumber: "CR-133045",
      ...premises.printing,
      hazardClass: "high",
      floorAreaM2: 850,
      floors: 2,
      expiresOn: day(330),
      lastInspectionOn: day(-40),
    },
    { licenceNumber: "FSL-2025-000421", crNumber: "CR-112890", ...premises.nursery, hazardClass: "medium", floorAreaM2: 400, floors: 2, expiresOn: day(50) },
    { licenceNumber: "FSL-2024-000867", crNumber: "CR-094417", ...premises.workshop, hazardClass: "high", floorAreaM2: 500, floors: 1, expiresOn: day(-30) },
    {
      licenceNumber: "FSL-2025-000689",
      crNumber: "CR-150263",
      ...premises.liwan,
      hazardClass: "medium",
      floorAreaM2: 140,
      floors: 1,
      expiresOn: day(360),
      lastInspectionOn: day(-10),
    },
    {
      licenceNumber: "FSL-2025-000147",
      crNumber: "CR-150263",
      ...premises.liwanMangaf,
      hazardClass: "medium",
      floorAreaM2: 160,
      floors: 1,
      expiresOn: day(140),
    },
    { licenceNumber: "FSL-2025-000263", crNumber: "CR-082156", ...premises.rimal, hazardClass: "high", floorAreaM2: 900, floors: 1, expiresOn: day(75) },
    { licenceNumber: "FSL-2024-000819", crNumber: "CR-121748", ...premises.lulua, hazardClass: "low", floorAreaM2: 85, floors: 1, expiresOn: day(-60) },
  ];
  for (const licence of fire) await addFireLicence(db, licence);

  // KFF: inspection slots in every governorate on the next 14 working days (Sunday to Thursday).
  const workingDays: string[] = [];
  for (let offset = 1; workingDays.length < 14; offset++) {
    const date = day(offset);
    if (new Date(`${date}T00:00:00Z`).getUTCDay() <= 4) workingDays.push(date);
  }
  for (const governorate of ["capital", "hawalli", "farwaniya", "ahmadi", "jahra", "mubarak-al-kabeer"] as const satisfies readonly GovernorateId[]) {
    for (const date of workingDays) {
      for (const time of ["09:00", "11:00"]) await addInspectionSlot(db, { governorate, startsAt: `${date}T${time}`, capacity: 2 });
    }
  }

  // KM: shop and sign licences (issued a year before they expire).
  const municipal: Parameters<typeof addMunicipalLicence>[1][] = [
    { licenceNumber: "ML-2024-001234", kind: "shop", crNumber: "CR-104512", ...premises.oyoun, expiresOn: day(20) },
    { licenceNumber: "ML-2024-001187", kind: "shop", crNumber: "CR-118733", ...premises.nukhba, expiresOn: day(45) },
    { licenceNumber: "ML-2023-000902", kind: "shop", crNumber: "CR-097215", ...premises.dashti, expiresOn: day(150) },
    { licenceNumber: "ML-2024-001345", kind: "shop", crNumber: "CR-130486", ...premises.deera, expiresOn: day(35) },
    { licenceNumber: "ML-2024-001102", kind: "shop", crNumber: "CR-088341", ...premises.warda, expiresOn: day(25) },
    { licenceNumber: "ML-2024-001056", kind: "shop", crNumber: "CR-125590", ...premises.shifa, expiresOn: day(200) },
    { licenceNumber: "AD-2024-000456", kind: "sign", crNumber: "CR-125590", ...premises.shifa, signAreaM2: 6, expiresOn: day(-90) },
    { licenceNumber: "ML-2022-000611", kind: "shop", crNumber: "CR-076214", ...premises.kerala, expiresOn: day(-75) },
    { licenceNumber: "ML-2024-001398", kind: "shop", crNumber: "CR-141377", ...premises.carWash, expiresOn: day(55) },
    { licenceNumber: "ML-2023-000734", kind: "shop", crNumber: "CR-069902", ...premises.fanar, expiresOn: day(-120) },
    { licenceNumber: "ML-2024-001021", kind: "shop", crNumber: "CR-133045", ...premises.printing, expiresOn: day(310) },
    { licenceNumber: "AD-2024-000389", kind: "sign", crNumber: "CR-133045", ...premises.printing, signAreaM2: 12, expiresOn: day(150) },
    { licenceNumber: "ML-2024-001263", kind: "shop", crNumber: "CR-112890", ...premises.nursery, expiresOn: day(160) },
    { licenceNumber: "ML-2023-000858", kind: "shop", crNumber: "CR-094417", ...premises.workshop, expiresOn: day(-100) },
    { licenceNumber: "ML-2025-001502", kind: "shop", crNumber: "CR-150263", ...premises.liwan, expiresOn: day(355) },
    { licenceNumber: "AD-2025-000517", kind: "sign", crNumber: "CR-150263", ...premises.liwan, signAreaM2: 4, expiresOn: day(355) },
    { licenceNumber: "ML-2025-001466", kind: "shop", crNumber: "CR-150263", ...premises.liwanMangaf, expiresOn: day(140) },
    { licenceNumber: "ML-2024-001319", kind: "shop", crNumber: "CR-082156", ...premises.rimal, expiresOn: day(80) },
    { licenceNumber: "ML-2024-001150", kind: "shop", crNumber: "CR-121748", ...premises.lulua, expiresOn: day(-45) },
    { licenceNumber: "AD-2024-000402", kind: "sign", crNumber: "CR-121748", ...premises.lulua, signAreaM2: 3, expiresOn: day(-45) },
  ];
  for (const licence of municipal) await addMunicipalLicence(db, licence);

  // KM: violations, paid and unpaid.
  const pavement = { descriptionAr: "إشغال الرصيف دون ترخيص", descriptionEn: "Using the pavement without a permit" };
  const violations: Parameters<typeof addViolation>[1][] = [
    {
      licenceNumber: "ML-2024-001234",
      descriptionAr: "عدم نظافة واجهة المحل",
      descriptionEn: "Untidy shop front",
      amountFils: 50_000,
      issuedOn: day(-210),
      isPaid: true,
    },
    { licenceNumber: "ML-2024-001187", ...pavement, amountFils: 100_000, issuedOn: day(-25), isPaid: false },
    {
      licenceNumber: "ML-2022-000611",
      descriptionAr: "عدم الالتزام بالاشتراطات الصحية",
      descriptionEn: "Not meeting the health requirements",
      amountFils: 200_000,
      issuedOn: day(-160),
      isPaid: true,
    },
    {
      licenceNumber: "ML-2024-001398",
      descriptionAr: "تصريف مياه الغسيل في الطريق العام",
      descriptionEn: "Draining wash water onto the public road",
      amountFils: 150_000,
      issuedOn: day(-40),
      isPaid: false,
    },
    {
      licenceNumber: "ML-2023-000858",
      descriptionAr: "رمي المخلفات في غير الأماكن المخصصة",
      descriptionEn: "Dumping waste outside the designated places",
      amountFils: 250_000,
      issuedOn: day(-130),
      isPaid: false,
    },
    { licenceNumber: "ML-2023-000858", ...pavement, amountFils: 100_000, issuedOn: day(-95), isPaid: false },
    {
      licenceNumber: "ML-2024-001150",
      descriptionAr: "تشويه المظهر العام",
      descriptionEn: "Spoiling the public appearance",
      amountFils: 100_000,
      issuedOn: day(-300),
      isPaid: true,
    },
  ];
  for (const violation of violations) await addViolation(db, violation);
}

/**
 * One line per persona for the start-up notice: who, what to try, and what to type (the contract
 * or deed number as the registry holds it, since the registry's dates come from its first seeding).
 */
export async function describePersonas(db: Database, today: string): Promise<string[]> {
  const personas = Object.entries(demoPersonasOn(today));
  const civilIds = personas.map(([, persona]) => persona.civilId);
  const contracts = await db
    .select()
    .from(mojMarriageContracts)
    .where(or(inArray(mojMarriageContracts.husbandCivilId, civilIds), inArray(mojMarriageContracts.wifeCivilId, civilIds)))
    .orderBy(desc(mojMarriageContracts.contractDate));
  const deeds = await db.select().from(mojPropertyDeeds).where(inArray(mojPropertyDeeds.ownerCivilId, civilIds));
  return personas.map(([id, persona]) => {
    const contract = contracts.find((c) => c.husbandCivilId === persona.civilId || c.wifeCivilId === persona.civilId);
    const deed = deeds.find((d) => d.ownerCivilId === persona.civilId);
    const papers = id.startsWith("L")
      ? [contract && `contract ${contract.contractNumber} of ${contract.contractDate}`, deed && `deed ${deed.deedNumber}`].filter(Boolean).join(", ")
      : "";
    return `${id.padEnd(4)} ${persona.civilId}  ${persona.nameEn} — ${persona.note}${papers ? ` [${papers}]` : ""}`;
  });
}
