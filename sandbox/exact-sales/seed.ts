// Deterministic Brazilian sales data for the fake Exact Spotter account: two
// funnels with Portuguese stage names, sellers, leads (companies) with
// contacts, sales in BRL, discards and custom fields. The same seed and `now`
// always give the same data; update dates fall within the 90 days before `now`.
import { createSeededRandom, type SeededRandom } from "../seeded-random";
import { exactTimestamp } from "./exact-timestamp";
import type {
  ExactCustomField,
  ExactFunnel,
  ExactLead,
  ExactLeadSold,
  ExactSalesData,
  ExactSalesRep,
  ExactSoldProduct,
  ExactStage,
  ExactUserRef,
} from "./store";

export type GeneratorOptions = {
  seed?: number;
  leadCount?: number;
  /** The moment the data is "as of"; register and update dates lie before it. */
  now?: Date;
};

export const DEFAULT_SEED = 20240601;
export const DEFAULT_LEAD_COUNT = 300;

const DAY_MS = 86_400_000;

const FUNNELS: ExactFunnel[] = [
  { id: 40101, value: "Vendas Diretas", active: true },
  { id: 40102, value: "Parcerias e Revendas", active: true },
];

const STAGE_NAMES: Record<number, string[]> = {
  40101: ["Entrada", "Primeiro Contato", "Qualificação", "Reunião Agendada", "Proposta Enviada", "Negociação"],
  40102: ["Entrada", "Diagnóstico", "Proposta", "Negociação"],
};

// Exact marks qualification gates (3) and scheduling gates (2); other stages have none (0).
const GATE_TYPES: Record<string, number> = { Qualificação: 3, Diagnóstico: 3, "Reunião Agendada": 2 };

const SELLERS: [number, string, string, boolean][] = [
  [415967, "João", "Araújo", true],
  [415968, "Mariana", "Conceição", true],
  [415969, "Luís", "Gonçalves", true],
  [415970, "Beatriz", "Simões", true],
  [415971, "Otávio", "Magalhães", false],
];

const SDRS: ExactUserRef[] = [
  { id: 443275, name: "Thaís", lastName: "Fernandes", email: "thais.fernandes@exemplo.com.br", active: true },
  { id: 443276, name: "Caio", lastName: "Brandão", email: "caio.brandao@exemplo.com.br", active: true },
];

const SOURCES: { id: number; value: string; subSources: { id: number; value: string }[] }[] = [
  { id: 106847, value: "Site", subSources: [{ id: 176790, value: "Formulário de contato" }, { id: 176791, value: "Chat" }] },
  { id: 106848, value: "Indicação", subSources: [{ id: 176792, value: "Cliente" }, { id: 176793, value: "Parceiro" }] },
  { id: 106849, value: "Eventos", subSources: [{ id: 176794, value: "Feira do Agronegócio" }, { id: 176795, value: "Webinar" }] },
  { id: 106850, value: "Outbound", subSources: [{ id: 176796, value: "Lista fria" }] },
  { id: 106851, value: "Rd Marketing", subSources: [{ id: 176797, value: "Campanha de e-mail" }] },
];

const INDUSTRIES = ["Agronegócio", "Varejo", "Indústria", "Saúde", "Educação", "Logística", "Tecnologia", "Construção Civil"].map(
  (value, i) => ({ id: 301 + i, value }),
);

const COMPANY_KINDS = ["Agropecuária", "Metalúrgica", "Distribuidora", "Construtora", "Farmácia", "Transportadora", "Laticínios", "Clínica", "Colégio", "Têxtil", "Tecnologia", "Cerâmica"];
const COMPANY_NAMES = [
  "São Jorge", "Boa Esperança", "Paraná", "Ipê Amarelo", "Açaí", "Aurora", "Jequitibá", "Guaraná", "Três Irmãos", "Vale Verde",
  "Santa Luzia", "Pôr do Sol", "Serra Azul", "Rio Branco", "Águia Dourada", "Nova Era", "Horizonte", "Cajueiro", "Estrela do Sul", "Coração de Maria",
];
const COMPANY_SUFFIXES = ["Ltda", "Ltda", "S.A.", "ME", "EIRELI"];
const CITIES: [city: string, state: string, ddd: number][] = [
  ["São Paulo", "SP", 11], ["Belo Horizonte", "MG", 31], ["Curitiba", "PR", 41], ["Porto Alegre", "RS", 51], ["Recife", "PE", 81],
  ["Florianópolis", "SC", 48], ["Goiânia", "GO", 62], ["Salvador", "BA", 71], ["Ribeirão Preto", "SP", 16], ["Maringá", "PR", 44],
];
const STREETS = ["Avenida Paulista", "Rua das Flores", "Avenida Brasil", "Rua XV de Novembro", "Rua da Consolação", "Avenida Getúlio Vargas"];
const DISTRICTS = ["Centro", "Jardim América", "Vila Nova", "Bela Vista", "Boa Viagem"];
const NOTES = [
  "Interesse em automatizar o funil comercial.",
  "Pediu proposta para três unidades.",
  "Contato veio pela feira; retornar depois do Carnaval.",
  "Já usa planilhas; quer integração com o ERP.",
];
const PRODUCTS: [name: string, price: number][] = [
  ["Plano Essencial", 4900],
  ["Plano Profissional", 12900],
  ["Plano Enterprise", 39900],
  ["Implantação", 8500],
  ["Treinamento", 3200],
  ["Suporte Premium", 6400],
];
const FIRST_NAMES = ["Ana", "João", "Maria", "José", "Luísa", "Antônio", "Fernanda", "Márcio", "Letícia", "Rogério", "Cecília", "Júlio", "Patrícia", "Sérgio", "Vitória", "André", "Gabriela", "Fábio", "Débora", "Élton"];
const LAST_NAMES = ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Lima", "Gonçalves", "Araújo", "Ribeiro", "Conceição", "Magalhães", "Brandão", "Simões", "Nóbrega", "Assunção"];
const JOB_TITLES = ["Diretor Comercial", "Gerente de Compras", "Sócio-Proprietário", "Coordenadora Financeira", "Analista de TI", "Diretora de Operações", "CEO"];
const LOST_REASONS = ["Sem orçamento", "Escolheu concorrente", "Sem resposta após follow-ups", "Momento inadequado", "Sem fit com o produto"];
const CAMPAIGNS = ["Black Friday B2B", "Webinar Vendas 4.0", "Agrishow"];

const CUSTOM_FIELDS: ExactCustomField[] = [
  { id: "_segmento", value: "Segmento", type: "list", options: ["PME", "Mid-market", "Enterprise"] },
  { id: "_numerodefuncionarios", value: "Número de funcionários", type: "text", options: [] },
  { id: "_campanha", value: "Campanha de origem", type: "text", options: [] },
  { id: "_valorestimado", value: "Valor estimado (R$)", type: "text", options: [] },
];

/** 12500 → "12.500,00". */
const brl = (amount: number) =>
  `${Math.trunc(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${String(Math.round((amount % 1) * 100)).padStart(2, "0")}`;

/** "Conceição" → "conceicao": for e-mail addresses and domains. */
const ascii = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

const round2 = (amount: number) => Math.round(amount * 100) / 100;

export function generateExactSalesData(options: GeneratorOptions = {}): ExactSalesData {
  const random = createSeededRandom(options.seed ?? DEFAULT_SEED);
  const leadCount = options.leadCount ?? DEFAULT_LEAD_COUNT;
  const nowMs = (options.now ?? new Date()).getTime();
  const timestamp = (ms: number) => exactTimestamp(new Date(Math.floor(ms)), random.int(0, 9999));

  let stageId = 133401;
  const stages: ExactStage[] = FUNNELS.flatMap((funnel) =>
    STAGE_NAMES[funnel.id].map((value, i) => ({ id: stageId++, value, funnelId: funnel.id, position: i + 1, active: true, gateType: GATE_TYPES[value] ?? 0 })),
  );
  const salesReps: ExactSalesRep[] = SELLERS.map(([id, name, lastName, active], i) => ({
    id,
    name,
    lastName,
    email: `${ascii(name)}.${ascii(lastName)}@exemplo.com.br`,
    active,
    phone: `(11) 3${String(2000 + i * 37).padStart(3, "0")}-${String(4100 + i * 53)}`,
    phone2: null,
    groupList: i < 3 ? "Vendas SP" : "Vendas Sul",
  }));
  const sellerRefs: ExactUserRef[] = salesReps.map(({ id, name, lastName, email, active }) => ({ id, name, lastName, email, active }));

  const data: ExactSalesData = {
    funnels: structuredClone(FUNNELS),
    stages,
    salesReps,
    leads: [],
    persons: [],
    leadsSold: [],
    losts: [],
    customFields: structuredClone(CUSTOM_FIELDS),
    leadsCustomFields: [],
  };

  // Registrations spread evenly over the last 180 days, so lead ids rise with registerDate.
  const registerStart = nowMs - 180 * DAY_MS;
  const registerSpan = 180 * DAY_MS - 3_600_000;
  let personId = 72_000_001;
  for (let i = 0; i < leadCount; i++) {
    const id = 51_430_001 + i;
    const registerMs = registerStart + ((i + random.next()) * registerSpan) / leadCount;
    const updateFloor = Math.max(registerMs, nowMs - 90 * DAY_MS);
    const updateMs = updateFloor + random.next() * (nowMs - updateFloor);
    const funnel = random.chance(0.7) ? FUNNELS[0] : FUNNELS[1];
    const funnelStages = STAGE_NAMES[funnel.id];
    const outcome = random.next();
    const sold = outcome < 0.15;
    const lost = !sold && outcome < 0.3;
    const stageIndex = sold ? funnelStages.length - random.int(1, 2) : Math.floor(random.next() ** 1.5 * funnelStages.length);
    const [city, state, ddd] = random.pick(CITIES);
    const kind = random.pick(COMPANY_KINDS);
    const name = random.pick(COMPANY_NAMES);
    const domain = `${ascii(name)}${ascii(kind)}.com.br`;
    const source = random.pick(SOURCES);
    const salesRep = random.pick(sellerRefs);
    const lead: ExactLead = {
      id,
      lead: `${kind} ${name} ${random.pick(COMPANY_SUFFIXES)}`,
      // Formatted text; some start with 0, which a number would lose.
      cnpj: `${String(random.int(1, 99)).padStart(2, "0")}.${random.int(100, 999)}.${random.int(100, 999)}/0001-${random.int(10, 99)}`,
      website: random.chance(0.85) ? `www.${domain}` : null,
      phone1: `(${ddd}) ${random.int(3000, 3999)}-${random.int(1000, 9999)}`,
      phone2: random.chance(0.3) ? `(${ddd}) 9${random.int(1000, 9999)}-${random.int(1000, 9999)}` : null,
      description: random.chance(0.6) ? random.pick(NOTES) : null,
      leadProduct: random.pick(PRODUCTS)[0],
      street: random.pick(STREETS),
      number: String(random.int(10, 4000)),
      complement: random.chance(0.3) ? `Sala ${random.int(1, 120)}` : null,
      district: random.pick(DISTRICTS),
      cep: `${random.int(10000, 99999)}-${random.int(100, 999)}`,
      city,
      state,
      country: "Brasil",
      industry: random.pick(INDUSTRIES),
      source: { id: source.id, value: source.value },
      subSource: random.pick(source.subSources),
      funnelId: funnel.id,
      stage: funnelStages[stageIndex],
      sdr: random.chance(0.9) ? random.pick(SDRS) : null,
      salesRep,
      closingForecastDate: sold || lost ? null : `${new Date(nowMs + random.int(5, 120) * DAY_MS).toISOString().slice(0, 10)}T00:00:00.0000000Z`,
      registerDate: timestamp(registerMs),
      updateDate: timestamp(updateMs),
    };
    data.leads.push(lead);

    // Contacts edited after the lead's last update: Leads: contatos is replicated by its own window.
    const personsUpdateDate = random.chance(0.1) ? timestamp(updateMs + random.next() * (nowMs - updateMs)) : lead.updateDate;
    const contactCount = random.int(1, 3);
    for (let j = 0; j < contactCount; j++) {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      data.persons.push({
        id: personId++,
        leadId: id,
        name: `${first} ${last}`,
        email: random.chance(0.9) ? `${ascii(first)}.${ascii(last)}@${domain}` : null,
        jobTitle: random.pick(JOB_TITLES),
        phone1: `(${ddd}) 9${random.int(1000, 9999)}-${random.int(1000, 9999)}`,
        phone2: null,
        mainContact: j === 0,
        registerDate: lead.registerDate,
        updateDate: personsUpdateDate,
      });
    }

    // A sale or a discard happened after registration; registering one does not touch the
    // lead, so about a third are dated after the lead's last update.
    const outcomeMs = random.chance(0.35) ? updateMs + random.next() * (nowMs - updateMs) : registerMs + random.next() * (updateMs - registerMs);
    if (sold) data.leadsSold.push(sale(random, data.leadsSold.length, lead, timestamp(outcomeMs)));
    if (lost) {
      // Leads Descartados has no id column.
      data.losts.push({ leadId: id, funnelId: funnel.id, stage: lead.stage, reason: random.pick(LOST_REASONS), date: timestamp(outcomeMs) });
    }

    data.leadsCustomFields.push({ leadId: id, id: "_segmento", value: random.pick(CUSTOM_FIELDS[0].options) });
    data.leadsCustomFields.push({ leadId: id, id: "_numerodefuncionarios", value: String(random.int(5, 2000)) });
    if (random.chance(0.4)) data.leadsCustomFields.push({ leadId: id, id: "_campanha", value: random.pick(CAMPAIGNS) });
    // Open leads carry no value in Leads; accounts keep an estimate in a custom field, written the Brazilian way.
    if (random.chance(0.7)) data.leadsCustomFields.push({ leadId: id, id: "_valorestimado", value: brl(random.int(20, 900) * 250) });
  }
  return data;
}

function sale(random: SeededRandom, index: number, lead: ExactLead, saleDate: string): ExactLeadSold {
  const products: ExactSoldProduct[] = Array.from({ length: random.int(1, 3) }, () => {
    const [name, price] = random.pick(PRODUCTS);
    const quantity = random.int(1, 5);
    const fullValue = price * quantity;
    const discounted = random.chance(0.3);
    const discountAmount = discounted ? round2((fullValue * random.int(5, 15)) / 100) : 0;
    return {
      name,
      quantity,
      individualValue: price,
      fullValue,
      discountType: discounted ? "Absoluto" : "Nenhum",
      discountAmount,
      finalValue: round2(fullValue - discountAmount),
    };
  });
  return {
    id: 880_001 + index,
    leadId: lead.id,
    funnelId: lead.funnelId,
    saleDate,
    saleStage: lead.stage,
    totalDealValue: round2(products.reduce((sum, product) => sum + product.finalValue, 0)),
    salesRep: lead.salesRep && { name: lead.salesRep.name, lastName: lead.salesRep.lastName, email: lead.salesRep.email },
    products,
  };
}
