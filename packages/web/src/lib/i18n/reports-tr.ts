// Türkçe: talep hacmi raporu (tr.ts içine yayılır).
import type { reportsEn } from './reports-en';

export const reportsTr: typeof reportsEn = {
  ticketVolume: {
    title: 'Talep hacmi',
    intro: 'Dönem başına oluşturulan ve çözülen talepler ile dönem sonunda açık olanlar, çalışma alanının saat diliminde ({zone}). Gruplar, taleplerin şu anki değerlerine göredir.',
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
    openAtEnd: 'Dönem sonunda açık',
    channels: 'Kanallar (hiçbiri seçilmezse: tümü)',
    wholePeriod: 'Tüm dönem',
    weekOf: '{date} haftası',
    chartTitle: 'Dönem başına oluşturulan talepler, {dimension} bazında, ve her dönemin sonunda açık olanlar',
    tableCaption: 'Dönem ve {dimension} başına oluşturulan talepler, tüm oluşturulan talepler, çözümler ve dönem sonunda açık talepler',
    noData: 'Bu dönemde oluşturulan, çözülen ya da açık talep yok.',
    hint: 'Saatlik: en çok 31 gün; diğerleri: en çok bir yıl. Çözülen, hâlâ geçerli olan çözümleri sayar (yeniden açılan talepler sayılmaz). Dönem sonunda açık: dönem bitmeden (başlangıç tarihinden önce de) oluşturulup o ana kadar çözülmemiş talepler; yeniden açılan talep, tekrar çözülene kadar açık sayılır.',
    downloadFailed: 'CSV indirilemedi (HTTP {status}).',
  },
};
