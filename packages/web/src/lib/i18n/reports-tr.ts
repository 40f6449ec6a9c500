// Türkçe: talep hacmi raporu (tr.ts içine yayılır).
import type { reportsEn } from './reports-en';

export const reportsTr: typeof reportsEn = {
  ticketVolume: {
    title: 'Talep hacmi',
    intro: 'Dönem başına oluşturulan ve çözülen talepler, çalışma alanının saat diliminde ({zone}). Gruplar, taleplerin şu anki değerlerine göredir.',
    from: 'Başlangıç',
    to: 'Bitiş',
    interval: 'Dönem',
    intervals: { HOUR: 'Saat', DAY: 'Gün', WEEK: 'Hafta', MONTH: 'Ay' },
    groupBy: 'Gruplama',
    dimensions: { STATUS: 'Durum', PRODUCT: 'Ürün', CHANNEL: 'Kanal', PRIORITY: 'Öncelik', TYPE: 'Tür', TEAM: 'Ekip', AGENT: 'Atanan kişi' },
    none: 'Yok',
    show: 'Göster',
    csv: 'CSV indir',
    period: 'Dönem',
    created: 'Oluşturulan',
    resolved: 'Çözülen',
    wholePeriod: 'Tüm dönem',
    weekOf: '{date} haftası',
    chartTitle: 'Dönem başına oluşturulan talepler, {dimension} bazında',
    tableCaption: 'Dönem ve {dimension} başına oluşturulan talepler, tüm oluşturulan talepler ve çözümler',
    noData: 'Bu dönemde oluşturulan ya da çözülen talep yok.',
    hint: 'Saatlik: en çok 31 gün; diğerleri: en çok bir yıl. Çözülen, hâlâ geçerli olan çözümleri sayar (yeniden açılan talepler sayılmaz).',
    downloadFailed: 'CSV indirilemedi (HTTP {status}).',
  },
};
