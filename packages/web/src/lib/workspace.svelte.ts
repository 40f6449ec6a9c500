// Who is signed in and where: the workspace's time zone (every date on screen is shown in it), the agent's role,
// and the product the agent chose in the switcher (remembered per browser; null = all products).
const PRODUCT_KEY = 'deskgraph.product';

function savedProduct(): string | null {
  try {
    return localStorage.getItem(PRODUCT_KEY);
  } catch {
    return null;
  }
}

export const workspace = $state({
  ready: false,
  userId: '',
  userName: '',
  role: '',
  name: '',
  timeZone: 'UTC',
  productId: savedProduct() as string | null,
});

export function chooseProduct(productId: string | null) {
  workspace.productId = productId;
  try {
    if (productId) localStorage.setItem(PRODUCT_KEY, productId);
    else localStorage.removeItem(PRODUCT_KEY);
  } catch {
    // Not remembered; still chosen for this visit.
  }
}
