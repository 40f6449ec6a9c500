// Türkçe: ürün atananları, kanal ayarları formu ve API anahtarı süresi.
import type { Messages } from './en';

export const adminExtrasTr: Pick<Messages, 'productAssignees' | 'channelForm' | 'tokenExpiry'> = {
  productAssignees: {
    title: '{product} üzerinde kimler çalışabilir',
    everyone: 'Herkes çalışabilir.',
    current: 'Atananlar: {names}',
    edit: '{product} üzerinde kimlerin çalışacağını değiştir',
    users: 'Temsilciler',
    teams: 'Ekipler (üyeleriyle)',
    hint: 'Hiçbiri işaretli değilse ürün üzerinde herkes çalışabilir. Kaydettiğiniz anda sıradaki sohbetler uygun bir atanana gider.',
    noTeams: 'Henüz ekip yok.',
    saved: '{product} atananları kaydedildi.',
  },
  channelForm: {
    title: '{product} için {channel} ayarları',
    receiveUrl: 'Bu kanalı alan adres',
    receiveHint: {
      meta: 'Meta uygulamasına geri çağırma URL’si olarak, aşağıdaki doğrulama anahtarıyla birlikte yapıştırın.',
      email: 'E-posta aktarıcısı ham e-postaları buraya, gelen e-posta sırrını x-deskgraph-inbound-secret başlığında göndererek iletsin.',
      form: 'Web sitesinin iletişim formu ya da uygulama buraya gönderir.',
    },
    secretSet: 'Kayıtlı. Korumak için boş bırakın.',
    secretNotSet: 'Kayıtlı değil.',
    removeSecret: 'Kayıtlı {field} değerini sil',
    other: 'Diğer ayarlar (JSON), ör. onaylı WhatsApp şablonları',
    noSettings: 'Bu kanalın ayarı yok.',
    saved: '{product} için {channel} ayarları kaydedildi.',
    fields: {
      phoneNumberId: 'WhatsApp telefon numarası kimliği',
      pageId: 'Facebook sayfa kimliği',
      instagramAccountId: 'Instagram hesap kimliği',
      address: 'Destek adresi (Kime:)',
      accessToken: 'Erişim anahtarı',
      appSecret: 'Uygulama sırrı',
      verifyToken: 'Doğrulama anahtarı',
      inboundSecret: 'Gelen e-posta sırrı',
    },
  },
  tokenExpiry: {
    expires: 'Geçerlilik sonu',
    expiresOn: 'Süre',
    never: 'Süresiz',
    days: '{count} gün sonra',
    date: 'Bir tarihte…',
    dateLabel: 'Bitiş tarihi',
    expired: 'Süresi doldu',
    expiredOn: 'Süresi doldu: {date}',
  },
};
