import { z } from "zod";
import { defineOperation } from "../../exchange/contracts";
import { fact, labels, section } from "../../exchange/answer-facts";
import { governorateText } from "../addresses";
import { bilingual } from "../premises";

export const marriageContractOperation = defineOperation({
  agency: "moj",
  name: "moj.marriage-contract",
  title: { ar: "عقد الزواج المسجل", en: "Registered marriage contract" },
  request: z.object({ contractNumber: z.string().min(1).max(40) }),
  response: z.object({
    contractNumber: z.string(),
    husbandCivilId: z.string(),
    wifeCivilId: z.string(),
    contractDate: z.string(),
    isFirstMarriageOfHusband: z.boolean(),
  }),
  present: (contract) =>
    section([
      fact.code({ ar: "رقم العقد", en: "Contract number" }, contract.contractNumber),
      fact.date({ ar: "تاريخ العقد", en: "Contract date" }, contract.contractDate),
      fact.code({ ar: "الرقم المدني للزوج", en: "Husband's civil ID" }, contract.husbandCivilId),
      fact.code({ ar: "الرقم المدني للزوجة", en: "Wife's civil ID" }, contract.wifeCivilId),
      fact.yesNo({ ar: "الزواج الأول للزوج", en: "Husband's first marriage" }, contract.isFirstMarriageOfHusband),
    ]),
});

export const propertyDeedOperation = defineOperation({
  agency: "moj",
  name: "moj.property-deed",
  title: { ar: "وثيقة ملكية عقار", en: "Real-estate ownership deed" },
  request: z.object({ deedNumber: z.string().min(1).max(40) }),
  response: z.object({
    deedNumber: z.string(),
    ownerCivilId: z.string(),
    governorate: z.string(),
    area: bilingual,
    block: z.string(),
    plot: z.string(),
    registeredOn: z.string(),
  }),
  present: (deed) =>
    section([
      fact.code({ ar: "رقم الوثيقة", en: "Deed number" }, deed.deedNumber),
      fact.code({ ar: "الرقم المدني للمالك", en: "Owner's civil ID" }, deed.ownerCivilId),
      fact.text(labels.address, {
        ar: `${deed.area.ar}، قطعة ${deed.block}، قسيمة ${deed.plot}، ${governorateText(deed.governorate).ar}`,
        en: `${deed.area.en}, block ${deed.block}, plot ${deed.plot}, ${governorateText(deed.governorate).en}`,
      }),
      fact.date({ ar: "تاريخ التسجيل", en: "Registered on" }, deed.registeredOn),
    ]),
});
